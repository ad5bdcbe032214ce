import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import PlansScreen from './PlansScreen.svelte';
import type { PlanSummary } from '../ipc';

afterEach(() => {
  cleanup();
  clearMocks();
});

const many = (n: number): PlanSummary[] =>
  Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    candidate: i === 180 ? 'Zanele Dlamini' : `Candidate ${i + 1}`,
    level: 'vp',
    roleTitle: 'VP, Product Security',
    status: 'scheduled',
    startsAt: null,
    panelistCount: 4,
    mode: 'lead',
    submittedCount: i % 5,
    decided: false,
  }));

describe('Plans screen with many plans', () => {
  it('draws a page of rows, shows more on request, and searches every plan', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'list_plans') return many(250);
      if (cmd === 'report_first_screen') return null;
      throw new Error(cmd);
    });
    render(PlansScreen, { onOpenBank: vi.fn(), onOpenPlan: vi.fn() });
    await screen.findByTestId('plans-table');
    expect(screen.getAllByRole('row')).toHaveLength(51); // header + 50
    expect(screen.getByTestId('plans-more').textContent).toContain('first 50 of 250 plans');
    // The shell hears once that the first screen is painted (the start-up figure).
    await waitFor(() => expect(calls).toContain('report_first_screen'));

    for (const rows of [101, 151, 201, 251]) {
      await fireEvent.click(screen.getByTestId('show-more-plans'));
      expect(screen.getAllByRole('row')).toHaveLength(rows);
    }
    expect(screen.queryByTestId('plans-more')).toBeNull();

    // A plan far down the list is found by name, wherever it is.
    await fireEvent.input(screen.getByTestId('plan-search'), { target: { value: 'zanele' } });
    expect(screen.getAllByRole('row')).toHaveLength(2);
    expect(screen.getByTestId('open-plan-181').textContent).toContain('Zanele Dlamini');
    // Clearing the search starts again from the first page.
    await fireEvent.input(screen.getByTestId('plan-search'), { target: { value: '' } });
    expect(screen.getAllByRole('row')).toHaveLength(51);
  });
});

describe('Plans screen after a session ended before its text was saved', () => {
  it('names whose scorecard has unsaved text, never the text, and opens interview mode on it', async () => {
    mockIPC((cmd) => {
      if (cmd === 'list_plans') return many(2);
      if (cmd === 'report_first_screen') return null;
      if (cmd === 'list_recovered_cards')
        return [{ planId: 2, candidate: 'Candidate 2', panelistId: 5, panelistName: 'Ana Ortiz', parts: 2 }];
      throw new Error(cmd);
    });
    const onRecoverDrafts = vi.fn();
    render(PlansScreen, { onOpenBank: vi.fn(), onOpenPlan: vi.fn(), onRecoverDrafts });
    const notice = await screen.findByTestId('unsaved-drafts-2-5');
    expect(notice.textContent).toContain('Ana Ortiz has unsaved interview text for Candidate 2');
    expect(notice.textContent).toContain('2 parts');
    await fireEvent.click(screen.getByTestId('recover-drafts-2'));
    expect(onRecoverDrafts).toHaveBeenCalledWith(2);
  });
});
