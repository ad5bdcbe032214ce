import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, cleanup, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import BankScreen from './BankScreen.svelte';
import { BANK, packCommands } from '../test-fixtures';

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
});
