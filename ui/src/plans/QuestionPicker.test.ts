import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import QuestionPicker from './QuestionPicker.svelte';
import { PACKS, packPage, packView } from '../test-fixtures';
import type { PackQuery, PackRef, PackSummary } from '../ipc';

afterEach(() => {
  cleanup();
  clearMocks();
});

describe('the question picker’s pack choosers', () => {
  it('list a page of the packs a plan can use, with the plan’s own pack however far down it sorts', async () => {
    // 70 team packs between the built-in pack and Acme; every seventh has no question yet.
    const teams: PackSummary[] = Array.from({ length: 70 }, (_, i) => ({
      ...PACKS[1], id: `team-${i}`, version: 1, title: `Aa team ${String(i).padStart(3, '0')}`, newestVersion: 1,
      questions: i % 7 === 0 ? 0 : 4,
    }));
    const all = [PACKS[0], ...teams, PACKS[1], PACKS[2]];
    const usable = all.filter((p) => p.questions > 0);
    const asked: PackQuery[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'list_packs') {
        const query = (args as { query: PackQuery }).query;
        asked.push(query);
        return packPage(query, all);
      }
      if (cmd === 'get_pack') return packView((args as { pack: PackRef }).pack);
      throw new Error(`unexpected command ${cmd}`);
    });
    render(QuestionPicker, { initialPack: { id: 'acme-1a2b3c', version: 1 }, initialNumbers: null });
    const pack = (await screen.findByTestId('picker-pack')) as HTMLSelectElement;
    await waitFor(() => expect(pack.value).toBe('acme-1a2b3c@1'));
    const options = (select: HTMLSelectElement) => [...select.options].map((o) => o.value);
    expect(asked).toEqual([
      { withQuestions: true, offset: 0, limit: 50 },
      { withQuestions: true, pack: 'acme-1a2b3c' },
    ]);
    expect(options(pack)[0], 'the built-in pack comes first').toBe('product-security-leadership@1');
    expect(options(pack).slice(50), 'the plan’s own pack, all its versions').toEqual(['acme-1a2b3c@1', 'acme-1a2b3c@2']);
    expect(options(pack)).not.toContain('team-7@1');
    expect(screen.getByTestId('picker-packs-more').textContent).toContain(`52 of ${usable.length} pack versions listed`);
    const other = screen.getByTestId('picker-other-pack') as HTMLSelectElement;
    expect(options(other)).toEqual(['', ...options(pack).filter((key) => key !== 'acme-1a2b3c@1')]);

    await fireEvent.click(screen.getByTestId('picker-show-more-packs'));
    await waitFor(() => expect(options(pack)).toEqual(usable.map((p) => `${p.id}@${p.version}`)));
    expect(screen.queryByTestId('picker-packs-more'), 'every usable version is listed, once').toBeNull();
    expect(pack.value).toBe('acme-1a2b3c@1');
  });
});
