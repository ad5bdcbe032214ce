import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import App from './App.svelte';
import { packPage, packView } from './test-fixtures';
import type { PackQuery, PackRef } from './ipc';

afterEach(() => {
  cleanup();
  clearMocks();
});

const healthy = {
  version: '0.1.0',
  dataDir: '/tmp/x',
  schemaVersion: 1,
  databaseError: null,
  checkingDatabase: false,
  testExportDir: null,
  testOpenFile: null,
};
const noPlans = { plans: [], matching: 0, total: 0 };
/** The start-up answer: the status with the Plans list's first page. */
const started = (plans: unknown = noPlans, status: object = healthy) => ({ status, plans, recovered: [] });

describe('App frame', () => {
  it('starts on an empty Plans screen that leads to the bank', async () => {
    mockIPC((cmd, args) => {
      if (cmd === 'start_app') return started();
      if (cmd === 'list_plans') return noPlans;
      if (cmd === 'list_packs') return packPage((args as { query: PackQuery }).query);
      if (cmd === 'get_pack') return packView((args as { pack: PackRef }).pack);
      throw new Error(cmd);
    });
    render(App);
    expect(await screen.findByTestId('plans-empty')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('open-bank'));
    expect(await screen.findByTestId('bank-list', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByTestId('nav-bank').getAttribute('aria-current')).toBe('page');
  });

  it('acts on the menu bar: screens, New plan, the shortcuts card, and ? outside text fields', async () => {
    mockIPC(
      (cmd, args) => {
        if (cmd === 'start_app') return started();
        if (cmd === 'list_plans') return noPlans;
        if (cmd === 'list_packs') return packPage((args as { query: PackQuery }).query);
        if (cmd === 'get_pack') return packView((args as { pack: PackRef }).pack);
        if (cmd === 'set_menu_exports' || cmd === 'take_opened_files') return cmd === 'take_opened_files' ? [] : null;
        if (cmd.startsWith('plugin:')) return null;
        throw new Error(cmd);
      },
      { shouldMockEvents: true },
    );
    render(App);
    await screen.findByTestId('plans-empty');
    // The shell sends the chosen item's id (its accelerator is Ctrl+2: src-tauri/src/menu.rs).
    await waitFor(async () => {
      await emit('menu', 'go:bank');
      expect(screen.queryByTestId('plans-empty')).toBeNull();
    });
    expect(await screen.findByTestId('bank-list', {}, { timeout: 5000 })).toBeTruthy();
    await emit('menu', 'new-plan');
    expect(await screen.findByTestId('plan-form')).toBeTruthy();
    await emit('menu', 'shortcuts');
    expect((await screen.findByTestId('shortcuts')).textContent).toContain('Ctrl 1 – 4');
    await fireEvent.click(screen.getByTestId('shortcuts-close'));
    await waitFor(() => expect(screen.queryByTestId('shortcuts')).toBeNull());
    // "?" typed in a field is text, not the shortcut.
    await fireEvent.keyDown(screen.getByTestId('plan-candidate'), { key: '?' });
    expect(screen.queryByTestId('shortcuts')).toBeNull();
    await fireEvent.keyDown(window, { key: '?' });
    expect(await screen.findByTestId('shortcuts')).toBeTruthy();
  });

  it('shows the database problem instead of an empty app', async () => {
    mockIPC((cmd) => {
      if (cmd === 'start_app')
        return {
          status: {
            ...healthy,
            schemaVersion: null,
            databaseError: { code: 'database_corrupt', message: 'the database /x/panel.db is damaged' },
          },
          plans: null,
          recovered: [],
        };
      throw new Error(`no other command may run: ${cmd}`);
    });
    render(App);
    const problem = await screen.findByTestId('database-problem');
    // The technical message is there, folded under "Technical details".
    expect(screen.getByTestId('database-problem-detail').textContent).toContain('is damaged');
    expect(problem.textContent).toContain('Nothing has been changed');
    expect(screen.queryByTestId('nav-plans')).toBeNull();
  });

  it('lists existing plans with local dates and status labels', async () => {
    const asked: string[] = [];
    mockIPC((cmd) => {
      asked.push(cmd);
      if (cmd === 'report_first_screen') return null;
      if (cmd === 'start_app')
        return started({
          matching: 1,
          total: 1,
          plans: [
          {
            id: 1,
            candidate: 'Zoë Łukasiewicz',
            level: 'vp',
            roleTitle: 'VP Product Security',
            status: 'scheduled',
            startsAt: '2026-12-01T09:00:00Z',
            panelistCount: 4,
            mode: 'lead',
            submittedCount: 1,
            decided: false,
          },
          ],
        });
      throw new Error(cmd);
    });
    render(App);
    const table = await screen.findByTestId('plans-table');
    expect(table.textContent).toContain('Zoë Łukasiewicz');
    expect(table.textContent).toContain('Scheduled');
    expect(table.textContent).toContain('4 panelists');
    // The first screen is one round trip: no second request for the list or the kept drafts
    // (subscribing to the shell's events asks for no data).
    const data = asked.filter((c) => !['report_first_screen', 'take_opened_files', 'plugin:event|listen'].includes(c));
    expect(data).toEqual(['start_app']);
  });

  it('shows the list read before a large database was checked, then the check\'s verdict', async () => {
    let verdict: ((status: object) => void) | null = null;
    const asked: string[] = [];
    mockIPC((cmd) => {
      asked.push(cmd);
      if (cmd === 'start_app') return started(noPlans, { ...healthy, checkingDatabase: true });
      // get_app_status waits for the check; the test says when it is done.
      if (cmd === 'get_app_status') return new Promise((resolve) => (verdict = resolve));
      if (cmd === 'list_recovered_cards' || cmd === 'report_first_screen') return [];
      throw new Error(cmd);
    });
    render(App);
    expect(await screen.findByTestId('plans-empty')).toBeTruthy();
    expect(screen.getByTestId('checking-database').textContent).toContain('Checking your data');
    // The verdict is asked for once the first frame is painted (the shell starts the check on
    // the first screen's report), not with the first screen.
    expect(asked).not.toContain('get_app_status');
    await waitFor(() => expect(verdict).not.toBeNull());
    verdict!({
      ...healthy,
      schemaVersion: null,
      databaseError: { code: 'database_corrupt', message: 'quick_check found a problem' },
    });
    expect(await screen.findByTestId('database-problem')).toBeTruthy();
    expect(screen.queryByTestId('plans-empty')).toBeNull();
  });

  it('says nothing about a check once the database passed it', async () => {
    let verdict: ((status: object) => void) | null = null;
    mockIPC((cmd) => {
      if (cmd === 'start_app') return started(noPlans, { ...healthy, checkingDatabase: true });
      if (cmd === 'get_app_status') return new Promise((resolve) => (verdict = resolve));
      if (cmd === 'take_opened_files' || cmd === 'report_first_screen') return [];
      throw new Error(cmd);
    });
    render(App);
    await screen.findByTestId('plans-empty');
    await waitFor(() => expect(verdict).not.toBeNull());
    verdict!(healthy);
    await waitFor(() => expect(screen.getByTestId('checking-database').textContent?.trim()).toBe(''));
    expect(screen.getByTestId('plans-empty')).toBeTruthy();
  });
});
