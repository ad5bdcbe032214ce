import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, cleanup } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import BankScreen from './BankScreen.svelte';
import { BANK } from '../test-fixtures';

afterEach(() => {
  cleanup();
  clearMocks();
});

function mockBank(result: unknown = BANK) {
  mockIPC((cmd) => {
    if (cmd === 'get_question_bank') return result;
    throw new Error(`unexpected command ${cmd}`);
  });
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
});
