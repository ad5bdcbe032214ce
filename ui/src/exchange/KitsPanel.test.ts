import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import KitsPanel from './KitsPanel.svelte';
import type { PlanDetail } from '../ipc';
import { planDetail } from '../test-fixtures';
import { savedFiles } from '../lib/saved.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
  savedFiles.dismiss();
});

const panelist = (id: number, name: string) => ({
  id, name, email: null, minutes: 60, focus: [], excluded: [], loadMinutes: 40, identityFingerprint: null,
});

const plan: PlanDetail = planDetail({
  status: 'interviewing',
  panelists: [panelist(1, 'Ana Ortiz'), panelist(2, 'Ben Okafor'), panelist(3, 'Chloé Martin')],
  assignments: [
    { questionNumber: 1, questionId: 1, panelistId: 1, position: 0, pinned: false, reason: 'balance', reasonKind: { kind: 'balance' as const } },
  ],
  exchange: [
    { panelistId: 1, kitExportedAt: '2026-11-20T09:00:00Z', kitOutdated: false, receivedRevision: 2, receivedAt: '2026-11-26T17:00:00Z' },
    { panelistId: 2, kitExportedAt: '2026-11-20T09:00:00Z', kitOutdated: true, receivedRevision: null, receivedAt: null },
    { panelistId: 3, kitExportedAt: null, kitOutdated: false, receivedRevision: null, receivedAt: null },
  ],
});

describe('KitsPanel', () => {
  it('shows each panelist’s kit and returned scorecard, and warns about outdated kits', () => {
    render(KitsPanel, { plan, onChange: () => {}, onImport: () => {} });
    expect(screen.getByTestId('exchange-1').textContent).toContain('Revision 2');
    expect(screen.getByTestId('exchange-2').textContent).toContain('Outdated: send again');
    expect(screen.getByTestId('exchange-3').textContent).toContain('Not sent');
    expect(screen.getByTestId('kits-outdated').textContent).toContain('One panelist’s questions changed');
  });

  it('writes the kits to the chosen folder and says how many are new', async () => {
    let changed: PlanDetail | null = null;
    let request: unknown = null;
    mockIPC((cmd, args) => {
      if (cmd === 'plugin:dialog|open') return '/home/dana/kits';
      if (cmd === 'send_kits') {
        request = (args as { request: unknown }).request;
        return [
          { panelistId: 1, panelistName: 'Ana Ortiz', path: '/home/dana/kits/Zoë - Ana Ortiz.hpkit', new: false },
          { panelistId: 2, panelistName: 'Ben Okafor', path: '/home/dana/kits/Zoë - Ben Okafor.hpkit', new: true },
        ];
      }
      if (cmd === 'get_plan') return { ...plan, exchange: [] };
      throw new Error(cmd);
    });
    render(KitsPanel, { plan, onChange: (p: PlanDetail) => (changed = p), onImport: () => {} });
    await fireEvent.click(screen.getByTestId('send-kits'));
    // One saved-file message: the folder, how many are new, what to do next.
    await waitFor(() => expect(savedFiles.latest).not.toBeNull());
    expect(savedFiles.latest).toEqual({
      what: '2 kits',
      path: '/home/dana/kits/Zoë - Ana Ortiz.hpkit',
      several: true,
      openable: false,
      detail: '1 new, 1 unchanged. Send each panelist their own file.',
    });
    expect(request).toEqual({ planId: 7, dir: '/home/dana/kits', passphrase: null });
    await waitFor(() => expect(changed).not.toBeNull());
  });

  it('changes nothing when the folder dialog is cancelled', async () => {
    mockIPC((cmd) => {
      if (cmd === 'plugin:dialog|open') return null;
      throw new Error(`unexpected ${cmd}`);
    });
    render(KitsPanel, { plan, onChange: () => {}, onImport: () => {} });
    await fireEvent.click(screen.getByTestId('send-kits'));
    await Promise.resolve();
    expect(savedFiles.latest).toBeNull();
    expect(screen.queryByTestId('kits-error')).toBeNull();
  });
});
