// The first screen the page carried (src-tauri/src/first_screen.rs): drawn by the app's first
// render, as the shell's server render drew it (src/firstScreen.server.ts), so hydrating that
// markup finds the same rows. A file of its own: the start-up answer and the first-screen report
// are once per page load, kept in the IPC module.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import App from './App.svelte';
import { planSummary } from './test-fixtures';
import { firstScreenDrawnBy } from './ipc/firstScreen';

afterEach(() => {
  cleanup();
  clearMocks();
  vi.restoreAllMocks();
});

const plans = Array.from({ length: 30 }, (_, i) => planSummary({ id: i + 1, candidate: `Candidate ${i + 1}` }));
const start = {
  status: { version: '0.1.0', dataDir: '/d', schemaVersion: 1, databaseError: null, checkingDatabase: false,
            testExportDir: null, testOpenFile: null },
  plans: { plans, matching: 300, total: 300 },
  recovered: [],
};

describe('the first screen carried by the page', () => {
  it('is drawn by the first render, without a round trip, and reported painted when the shell painted it', async () => {
    // The page as the shell serves it: the answer in a JSON block…
    const block = Object.assign(document.createElement('script'), { type: 'application/json', id: 'hp-start' });
    block.textContent = JSON.stringify(start);
    document.head.append(block);
    // …and the page took over the markup the shell rendered (boot.ts says so as it hydrates).
    firstScreenDrawnBy('shell');
    // The webview's first contentful paint: the shell's markup, before the script ran.
    const paint = { name: 'first-contentful-paint', entryType: 'paint', startTime: 4, duration: 0 } as PerformanceEntry;
    const entries = performance.getEntriesByName.bind(performance);
    vi.spyOn(performance, 'getEntriesByName').mockImplementation((name, type) =>
      name === 'first-contentful-paint' ? [paint] : entries(name, type),
    );
    const reports: { pageMillis: number; paintedMillis: number; drawnBy: string }[] = [];
    const asked: string[] = [];
    mockIPC((cmd, args) => {
      asked.push(cmd);
      if (cmd === 'report_first_screen') reports.push(args as (typeof reports)[number]);
      if (cmd === 'take_opened_files') return [];
      if (cmd === 'plugin:event|listen') return 1;
      return null;
    });

    render(App);
    // In the first render, no promise awaited: a window's worth of rows, the count, the sidebar.
    const rows = () => document.querySelectorAll('[data-testid=plans-table] tbody tr').length;
    expect(rows()).toBe(12);
    expect(screen.getByTestId('plans-count').textContent).toBe('300 of 300');
    expect(screen.getByTestId('nav-plans').getAttribute('aria-current')).toBe('page');
    expect(document.getElementById('hp-start')).toBeNull();
    // The rest of the page after that frame; the report says when the screen was painted.
    await waitFor(() => expect(rows()).toBe(30));
    await waitFor(() => expect(reports).toHaveLength(1));
    expect(reports[0].paintedMillis).toBe(4);
    expect(reports[0].drawnBy).toBe('shell');
    expect(reports[0].pageMillis).toBeGreaterThanOrEqual(4);
    expect(asked).not.toContain('start_app');
    expect(asked).not.toContain('list_plans');
    expect(asked).not.toContain('list_recovered_cards');
  });
});
