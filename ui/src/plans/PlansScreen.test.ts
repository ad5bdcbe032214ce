import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import PlansScreen from './PlansScreen.svelte';
import type { PlanQuery, PlanSummary } from '../ipc';
import { planSummary } from '../test-fixtures';

afterEach(() => {
  cleanup();
  clearMocks();
});

const many = (n: number): PlanSummary[] =>
  Array.from({ length: n }, (_, i) =>
    planSummary({
      id: i + 1,
      candidate: i === 180 ? 'Zanele Dlamini' : `Candidate ${i + 1}`,
      submittedCount: i % 5,
    }),
  );

/** The core's list_plans over `plans`: the search (plain lower case here), then one page. */
function pages(plans: PlanSummary[], asked: PlanQuery[]) {
  return (query: PlanQuery) => {
    asked.push(query);
    const needle = (query.search ?? '').trim().toLowerCase();
    const matches = plans.filter((p) => p.candidate.toLowerCase().includes(needle));
    const offset = query.offset ?? 0;
    const end = query.limit == null ? undefined : offset + query.limit;
    return { plans: matches.slice(offset, end), matching: matches.length, total: plans.length };
  };
}

describe('Plans screen with many plans', () => {
  it('asks the core for a page at a time, shows more on request, and searches every plan', async () => {
    const calls: string[] = [];
    const asked: PlanQuery[] = [];
    const list = pages(many(250), asked);
    mockIPC((cmd, args) => {
      calls.push(cmd);
      if (cmd === 'list_plans') return list((args as { query: PlanQuery }).query);
      if (cmd === 'report_first_screen') return null;
      throw new Error(cmd);
    });
    render(PlansScreen, { onOpenBank: vi.fn(), onOpenPlan: vi.fn() });
    await screen.findByTestId('plans-table');
    // The first frame draws what a window shows; the rest of the page follows in the next one.
    expect(screen.getAllByRole('row')).toHaveLength(13); // header + 12
    expect(screen.queryByTestId('plans-more')).toBeNull();
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(51)); // header + 50
    expect(screen.getByTestId('plans-more').textContent).toContain('Showing 50 of 250 plans');
    expect(screen.getByTestId('plans-count').textContent).toBe('250 of 250');
    expect(asked[0]).toEqual({ search: '', status: null, level: null, when: 'any', offset: 0, limit: 50 });
    // The shell hears once that the first screen is painted (the start-up figure).
    await waitFor(() => expect(calls).toContain('report_first_screen'));

    for (const rows of [101, 151, 201, 251]) {
      await fireEvent.click(screen.getByTestId('show-more-plans'));
      await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(rows));
    }
    expect(asked.slice(1).map((q) => q.offset)).toEqual([50, 100, 150, 200]);
    expect(screen.queryByTestId('plans-more')).toBeNull();

    // A plan far down the list is found by name: the search goes to the core, from the top.
    await fireEvent.input(screen.getByTestId('plan-search'), { target: { value: 'zanele' } });
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2));
    expect(asked.at(-1)).toMatchObject({ search: 'zanele', offset: 0 });
    expect(screen.getByTestId('open-plan-181').textContent).toContain('Zanele Dlamini');
    expect(screen.getByTestId('plans-count').textContent).toBe('1 of 250');
    // A filter goes the same way.
    await fireEvent.change(screen.getByTestId('filter-status'), { target: { value: 'debrief' } });
    await waitFor(() => expect(asked.at(-1)).toMatchObject({ search: 'zanele', status: 'debrief', offset: 0 }));
    // Clearing the search and the filter starts again from the first page.
    await fireEvent.change(screen.getByTestId('filter-status'), { target: { value: 'any' } });
    await fireEvent.input(screen.getByTestId('plan-search'), { target: { value: '' } });
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(51));
  });

  it('keeps drawn rows drawn when an answer repeats them, and draws new ones a frame later', async () => {
    const list = pages(many(250), []);
    mockIPC((cmd, args) => {
      if (cmd === 'report_first_screen') return null;
      if (cmd !== 'list_plans') throw new Error(cmd);
      return list((args as { query: PlanQuery }).query);
    });
    render(PlansScreen, { onOpenBank: vi.fn(), onOpenPlan: vi.fn() });
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(51));
    const rows = () => screen.getAllByRole('row').length;
    // "candidate" matches the same first fifty plans (only Zanele Dlamini leaves, far below):
    // in the very update that shows its count, all fifty rows are still there.
    const counted: number[] = [];
    await fireEvent.input(screen.getByTestId('plan-search'), { target: { value: 'candidate' } });
    await waitFor(() => {
      counted.push(rows());
      expect(screen.getByTestId('plans-count').textContent).toBe('249 of 250');
    });
    expect(rows()).toBe(51);
    expect(counted.every((n) => n === 51)).toBe(true);
    // A search whose rows are new draws a window's worth first, the rest in the next frame.
    await fireEvent.input(screen.getByTestId('plan-search'), { target: { value: 'candidate 2' } });
    await waitFor(() => expect(screen.getByTestId('plans-count').textContent).toBe('62 of 250'));
    expect(rows()).toBe(13);
    await waitFor(() => expect(rows()).toBe(51));
  });

  it('shows the answer to the latest search, not a slower one to an earlier search', async () => {
    const list = pages(many(250), []);
    let releaseSlow: () => void = () => {};
    mockIPC(async (cmd, args) => {
      const query = (args as { query: PlanQuery }).query;
      if (cmd === 'report_first_screen') return null;
      if (cmd !== 'list_plans') throw new Error(cmd);
      // The search for "candidate" answers only after the one for "zanele".
      if (query.search === 'candidate') await new Promise<void>((r) => (releaseSlow = r));
      return list(query);
    });
    render(PlansScreen, { onOpenBank: vi.fn(), onOpenPlan: vi.fn() });
    await screen.findByTestId('plans-table');
    await fireEvent.input(screen.getByTestId('plan-search'), { target: { value: 'candidate' } });
    await fireEvent.input(screen.getByTestId('plan-search'), { target: { value: 'zanele' } });
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2));
    releaseSlow();
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getAllByRole('row')).toHaveLength(2);
  });
  it('asks again when the shell refused its newest search for one it took as newer', async () => {
    const list = pages(many(250), []);
    let refused = 0;
    mockIPC((cmd, args) => {
      const query = (args as { query: PlanQuery }).query;
      if (cmd === 'report_first_screen') return null;
      if (cmd !== 'list_plans') throw new Error(cmd);
      // The two searches reached the shell in the other order: the newest one is refused once.
      if (query.search === 'zanele' && refused++ === 0) {
        throw { code: 'conflict', message: 'a newer search of the plans replaced this one' };
      }
      return list(query);
    });
    render(PlansScreen, { onOpenBank: vi.fn(), onOpenPlan: vi.fn() });
    await screen.findByTestId('plans-table');
    await fireEvent.input(screen.getByTestId('plan-search'), { target: { value: 'zanele' } });
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2));
    expect(refused).toBe(2);
    expect(screen.queryByText(/replaced this one/)).toBeNull();
  });
});

describe('Plans screen after a session ended before its text was saved', () => {
  it('names whose scorecard has unsaved text, never the text, and opens interview mode on it', async () => {
    mockIPC((cmd) => {
      if (cmd === 'list_plans') return { plans: many(2), matching: 2, total: 2 };
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

  // Last in the file: it reports the first screen, which every page load does once.
  it('opens the New plan form, loaded on demand, with N from the keyboard, its first field focused', async () => {
    const list = pages(many(3), []);
    mockIPC((cmd, args) => {
      if (cmd === 'list_plans') return list((args as { query: PlanQuery }).query);
      if (cmd === 'report_first_screen' || cmd === 'list_recovered_cards') return [];
      throw new Error(cmd);
    });
    render(PlansScreen, { onOpenBank: vi.fn(), onOpenPlan: vi.fn() });
    await screen.findByTestId('plans-table');
    // "n" typed in the search box is text, not the shortcut.
    await fireEvent.keyDown(screen.getByTestId('plan-search'), { key: 'n' });
    expect(screen.queryByTestId('plan-form')).toBeNull();
    await fireEvent.keyDown(window, { key: 'n' });
    expect(await screen.findByTestId('plan-form', {}, { timeout: 5000 })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('plan-candidate')));
  });
});
