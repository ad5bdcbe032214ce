import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import CandidateData from './CandidateData.svelte';
import { planDetail } from '../test-fixtures';
import { savedFiles } from '../lib/saved.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
  savedFiles.dismiss();
});

describe('Candidate data on the plan', () => {
  it('purges only once the candidate’s name is typed, and says what happened to backups', async () => {
    const purged: number[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'get_purge_scope')
        return [
          { planId: 7, candidate: 'Zoë' },
          { planId: 9, candidate: 'Zoë (copy)' },
        ];
      if (cmd === 'purge_plan') {
        purged.push((args as { planId: number }).planId);
        return {
          planId: 7,
          candidate: 'Zoë',
          backupsRewritten: 3,
          notRewritten: [],
          warnings: [],
          alsoPurged: ['plan 9 (Zoë (copy))'],
          teamFilesRemoved: 0,
        };
      }
      throw new Error(cmd);
    });
    const onPurged = vi.fn();
    render(CandidateData, { plan: planDetail(), onPurged });
    await fireEvent.click(screen.getByTestId('purge-open'));
    const go = screen.getByTestId('purge-go') as HTMLButtonElement;
    expect((await screen.findByTestId('purge-also')).textContent).toContain('Zoë (copy) (plan 9)');
    expect(go.disabled).toBe(true);
    await fireEvent.input(screen.getByTestId('purge-name'), { target: { value: 'Zoe' } });
    expect(go.disabled).toBe(true);
    await fireEvent.input(screen.getByTestId('purge-name'), { target: { value: 'Zoë' } });
    expect(go.disabled).toBe(false);
    await fireEvent.submit(screen.getByTestId('purge-confirm'));
    await vi.waitFor(() => expect(onPurged).toHaveBeenCalled());
    expect(purged).toEqual([7]);
    expect(onPurged.mock.calls[0][0]).toContain('3 backups were rewritten');
    expect(onPurged.mock.calls[0][0]).toContain('Also purged: plan 9 (Zoë (copy))');
  });

  it('asks why before exporting a sealed plan’s data, then exports with the reason', async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'plugin:dialog|save') return '/tmp/zoe.json';
      if (cmd !== 'export_candidate_data') throw new Error(cmd);
      const disclosure = (args as { disclosure: unknown }).disclosure;
      sent.push(disclosure);
      if (!disclosure) throw { code: 'sealed', message: 'the scores are sealed until every panelist has submitted' };
      return { path: '/tmp/zoe.json', bytes: 120 };
    });
    render(CandidateData, { plan: planDetail({ panelLead: 'Dana Whitfield' }), onPurged: vi.fn() });
    await fireEvent.click(screen.getByTestId('export-candidate-data'));
    const form = await screen.findByTestId('disclosure-form');
    expect(form.textContent).toContain('sealed');
    await fireEvent.input(screen.getByTestId('disclosure-reason'), { target: { value: 'Access request due today' } });
    await fireEvent.submit(form);
    await waitFor(() => expect(savedFiles.latest?.path).toBe('/tmp/zoe.json'));
    expect(sent).toEqual([null, { reason: 'Access request due today', by: 'Dana Whitfield' }]);
  });
});
