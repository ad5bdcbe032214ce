// When the Plans list starts listening for changes made elsewhere, relative to the first-screen
// report and to its own first request. A file of its own: the first render here is the app's
// start-up (the report is once per page load, kept in the IPC module).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import PlansScreen from './PlansScreen.svelte';
import { planSummary } from '../test-fixtures';

afterEach(() => {
  cleanup();
  clearMocks();
});

const plan = planSummary();

function recordCalls(): string[] {
  const calls: string[] = [];
  mockIPC((cmd) => {
    calls.push(cmd);
    if (cmd === 'list_plans') return { plans: [plan], matching: 1, total: 1 };
    if (cmd === 'plugin:event|listen') return 1;
    return null;
  });
  return calls;
}

describe('Plans list listening for changes elsewhere', () => {
  it('at start-up, listens after the first frame and just before reporting the first screen', async () => {
    const calls = recordCalls();
    render(PlansScreen, { onOpenBank: vi.fn(), onOpenPlan: vi.fn() });
    await screen.findByTestId('plans-table');
    // The rows are drawn without a round trip for listening on the way.
    expect(calls.filter((c) => c === 'plugin:event|listen')).toEqual([]);
    await waitFor(() => expect(calls).toContain('report_first_screen'));
    // The shell's watchers start their first pass on that report: they are heard.
    const report = calls.indexOf('report_first_screen');
    const listens = calls.flatMap((c, i) => (c === 'plugin:event|listen' ? [i] : []));
    expect(listens).toHaveLength(2);
    expect(listens.every((i) => i < report)).toBe(true);
  });

  it('once started, listens before it asks for the list', async () => {
    const calls = recordCalls();
    render(PlansScreen, { onOpenBank: vi.fn(), onOpenPlan: vi.fn() });
    await screen.findByTestId('plans-table');
    expect(calls.indexOf('plugin:event|listen')).toBeGreaterThanOrEqual(0);
    expect(calls.indexOf('plugin:event|listen')).toBeLessThan(calls.indexOf('list_plans'));
  });
});
