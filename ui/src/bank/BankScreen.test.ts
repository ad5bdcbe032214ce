import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, cleanup, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import BankScreen from './BankScreen.svelte';
import { BANK, PACKS, packCommands, packPage, packView } from '../test-fixtures';
import type { PackQuery, PackRef, PackSummary } from '../ipc';

afterEach(() => {
  cleanup();
  clearMocks();
});

function mockBank(other?: (cmd: string, args: unknown) => unknown) {
  mockIPC((cmd, args) => packCommands(cmd, args, other));
}

describe('Question bank screen', () => {
  it('lists the questions and shows the first one in detail', async () => {
    mockBank();
    render(BankScreen);
    expect(await screen.findByTestId('bank-item-12')).toBeTruthy();
    expect(screen.getByTestId('question-text').textContent).toBe(BANK.questions[0].text);
    expect(screen.getByTestId('weak-signals').textContent).toContain('claims ownership');
    expect(screen.getByTestId('bank-summary').textContent).toContain('3 questions');
  });

  it('shows how the question on screen has worked in interviews', async () => {
    mockBank((cmd) => {
      if (cmd === 'get_pack_question_health')
        return [
          {
            number: BANK.questions[0].number,
            text: BANK.questions[0].text,
            answers: 38,
            candidates: 19,
            mean: 3.0,
            spread: 0.32,
            scores: { ones: 0, twos: 2, threes: 34, fours: 2 },
            ceilingShare: 0.05,
            floorShare: 0,
            barelySeparates: true,
            agreement: { pairs: 19, status: 'measured', kappa: 0.1, interval: [-0.1, 0.3], inWords: 'Interviewers agree on this question hardly more than chance would.' },
            untickedPoints: [BANK.questions[0].strongAnswer[0]],
            inWords: 'Barely separates candidates: scores spread only 0.32 points (standard deviation) across 38 answers.',
          },
        ];
      return undefined;
    });
    render(BankScreen);
    expect((await screen.findByTestId('question-health-words')).textContent).toContain('Barely separates');
    expect(screen.getByTestId('question-health').textContent).toContain(BANK.questions[0].strongAnswer[0]);
  });

  it('moves through questions with the arrow keys', async () => {
    mockBank();
    render(BankScreen);
    const list = await screen.findByTestId('bank-list');
    await fireEvent.keyDown(list, { key: 'End' });
    expect(screen.getByTestId('question-text').textContent).toContain('“secure enough”');
    await fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(screen.getByTestId('question-text').textContent).toBe('Question 2?');
  });

  it('explains when a question has no weak-answer pattern', async () => {
    mockBank();
    render(BankScreen);
    await fireEvent.click(await screen.findByTestId('bank-item-2'));
    expect(screen.getByTestId('weak-signals-none').textContent).toContain('no explicit');
  });

  it('filters by capability and by search text', async () => {
    mockBank();
    render(BankScreen);
    await fireEvent.click(await screen.findByTestId('filter-risk'));
    expect(screen.queryByTestId('bank-item-1')).toBeNull();
    expect(screen.getByTestId('bank-item-12')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('filter-risk'));
    const search = screen.getByTestId('bank-search') as HTMLInputElement;
    await fireEvent.input(search, { target: { value: 'nothing like this' } });
    expect(screen.getByText(/No question matches/)).toBeTruthy();
  });

  it('shows the core error message when the bank cannot be read', async () => {
    mockIPC(() => {
      throw { code: 'storage', message: 'storage error: disk I/O error' };
    });
    render(BankScreen);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('disk I/O error');
  });

  it('keeps the built-in pack read-only and edits a pack of one’s own, question and points included', async () => {
    let sent: { draft: { questions: { text: string; strongAnswer: string[]; capabilities: string[] }[] } } | undefined;
    mockBank((cmd, args) => {
      if (cmd === 'save_pack') {
        sent = args as typeof sent;
        return { id: 'acme-1a2b3c', version: 2, newVersion: false, unchanged: false };
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    render(BankScreen);
    const edit = (await screen.findByTestId('pack-edit')) as HTMLButtonElement;
    expect(edit.disabled).toBe(true);
    await fireEvent.change(screen.getByTestId('bank-pack-select'), { target: { value: 'acme-1a2b3c@2' } });
    await waitFor(() => expect((screen.getByTestId('pack-edit') as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByTestId('pack-edit'));
    await fireEvent.click(await screen.findByTestId('edit-add'));
    await fireEvent.input(screen.getByTestId('edit-text'), { target: { value: 'Which exception did you refuse?' } });
    await fireEvent.input(screen.getByTestId('edit-strong'), { target: { value: 'Names the owner\nExplains the expiry' } });
    await fireEvent.click(screen.getByTestId('edit-cap-risk'));
    expect(screen.getByTestId('editor-dirty').textContent).toContain('Unsaved');
    await fireEvent.click(screen.getByTestId('editor-save'));
    await waitFor(() => expect(screen.getByTestId('bank-notice').textContent).toContain('Saved version 2'));
    const added = sent!.draft.questions[2];
    expect(added.text).toBe('Which exception did you refuse?');
    expect(added.strongAnswer).toEqual(['Names the owner', 'Explains the expiry']);
    expect(added.capabilities).toEqual(['risk']);
  });

  it('asks before closing the editor with unsaved changes', async () => {
    mockBank();
    render(BankScreen);
    await screen.findByTestId('pack-edit');
    await fireEvent.change(screen.getByTestId('bank-pack-select'), { target: { value: 'acme-1a2b3c@2' } });
    await waitFor(() => expect((screen.getByTestId('pack-edit') as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByTestId('pack-edit'));
    await fireEvent.input(await screen.findByTestId('edit-pack-title'), { target: { value: 'Renamed' } });
    await fireEvent.click(screen.getByTestId('editor-close'));
    expect(screen.getByTestId('editor-confirm-close')).toBeTruthy();
    expect(screen.getByTestId('pack-editor')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('editor-discard'));
    expect(screen.queryByTestId('pack-editor')).toBeNull();
  });

  it('compares the previous version with the one shown', async () => {
    let asked: unknown;
    mockBank((cmd, args) => {
      if (cmd === 'diff_packs') {
        asked = args;
        return {
          from: 'acme-1a2b3c@1', to: 'acme-1a2b3c@2', title: null, added: [], removed: [],
          changed: [{ number: 2, oldNumber: null, fields: ['text'], text: 'Reworded question two?',
                      oldText: 'Question 2?', newText: 'Reworded question two?' }],
          moved: [], guidance: [],
        };
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    render(BankScreen);
    await screen.findByTestId('pack-edit');
    await fireEvent.change(screen.getByTestId('bank-pack-select'), { target: { value: 'acme-1a2b3c@2' } });
    await waitFor(() => expect(screen.getByTestId('bank-pack-title').textContent).toContain('Acme'));
    await fireEvent.click(screen.getByTestId('pack-compare'));
    const changed = await screen.findByTestId('diff-changed');
    expect(changed.textContent).toContain('question text changed');
    expect(changed.textContent).toContain('Reworded question two?');
    expect(asked).toEqual({ from: { id: 'acme-1a2b3c', version: 1 }, to: { id: 'acme-1a2b3c', version: 2 } });
    expect(screen.getByTestId('diff-summary').textContent).toContain('1 changed');
  });

  it('shows why a pack file was refused', async () => {
    mockBank((cmd) => {
      if (cmd === 'plugin:dialog|open') return '/home/dana/team.hppack';
      if (cmd === 'import_pack_file') {
        throw { code: 'rejected', message: 'pack team version 2 is already here with different content' };
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    render(BankScreen);
    await fireEvent.click(await screen.findByTestId('pack-import'));
    const error = await screen.findByTestId('bank-error');
    expect(error.textContent).toContain('already here with different content');
  });

  it('lists a page of pack versions at a time, built-in first, and keeps the pack shown listed', async () => {
    // 110 team packs sort between the built-in pack and Acme, whose versions are on the third page.
    const teams: PackSummary[] = Array.from({ length: 110 }, (_, i) => ({
      ...PACKS[1], id: `team-${i}`, version: 1, title: `Aa team ${String(i).padStart(3, '0')}`, newestVersion: 1,
    }));
    const all = [PACKS[0], ...teams, PACKS[1], PACKS[2]];
    const asked: PackQuery[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'list_packs') {
        const query = (args as { query: PackQuery }).query;
        asked.push(query);
        return packPage(query, all);
      }
      if (cmd === 'get_pack') return packView((args as { pack: PackRef }).pack);
      if (cmd === 'plugin:dialog|open') return '/home/dana/acme.hppack';
      if (cmd === 'import_pack_file') return { id: 'acme-1a2b3c', version: 2, questions: 2, alreadyPresent: true };
      if (cmd === 'diff_packs') {
        return { from: 'acme-1a2b3c@1', to: 'acme-1a2b3c@2', title: null, added: [], removed: [], changed: [],
                 moved: [], guidance: [] };
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    render(BankScreen);
    await screen.findByTestId('bank-item-12');
    const select = screen.getByTestId('bank-pack-select') as HTMLSelectElement;
    const options = () => [...select.options].map((o) => o.value);
    expect(options()).toHaveLength(50);
    expect(options()[0], 'the built-in pack is on the first page').toBe('product-security-leadership@1');
    expect(select.value).toBe('product-security-leadership@1');
    expect(asked).toEqual([{ withQuestions: false, offset: 0, limit: 50 }]);
    expect(screen.getByTestId('packs-more').textContent).toContain('50 of 113 pack versions listed');

    // A pack that sorts far down is shown, listed with every version, and compared.
    await fireEvent.click(screen.getByTestId('pack-import'));
    await waitFor(() => expect(select.value).toBe('acme-1a2b3c@2'));
    expect(asked.at(-1)).toEqual({ withQuestions: false, pack: 'acme-1a2b3c' });
    expect(options().slice(50)).toEqual(['acme-1a2b3c@1', 'acme-1a2b3c@2']);
    expect(screen.getByTestId('bank-pack-title').textContent).toContain('Acme');
    await fireEvent.click(screen.getByTestId('pack-compare'));
    expect((await screen.findByTestId('diff-summary')).textContent).toContain('No differences');
    expect((screen.getByTestId('diff-from') as HTMLSelectElement).value).toBe('acme-1a2b3c@1');
    await fireEvent.click(screen.getByTestId('diff-close'));

    await fireEvent.click(screen.getByTestId('show-more-packs'));
    await waitFor(() => expect(options()).toHaveLength(102));
    expect(screen.getByTestId('show-more-packs').textContent).toContain('Show 13 more');
    await fireEvent.click(screen.getByTestId('show-more-packs'));
    await waitFor(() => expect(options()).toEqual(all.map((p) => `${p.id}@${p.version}`)));
    expect(screen.queryByTestId('packs-more'), 'every version is listed, once').toBeNull();
    expect(select.value).toBe('acme-1a2b3c@2');
  });

  it('asks once per load when every version fits on the first page', async () => {
    const asked: PackQuery[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'list_packs') asked.push((args as { query: PackQuery }).query);
      return packCommands(cmd, args);
    });
    render(BankScreen);
    await screen.findByTestId('bank-item-12');
    await fireEvent.change(screen.getByTestId('bank-pack-select'), { target: { value: 'acme-1a2b3c@2' } });
    await waitFor(() => expect(screen.getByTestId('bank-pack-title').textContent).toContain('Acme'));
    expect(asked).toEqual([
      { withQuestions: false, offset: 0, limit: 50 },
      { withQuestions: false, offset: 0, limit: 50 },
    ]);
    expect(screen.queryByTestId('packs-more'), 'no Show more under a page').toBeNull();
  });
});
