import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import App from './App.svelte';
import { PACKS, packView } from './test-fixtures';
import type { PackRef } from './ipc';

afterEach(() => {
  cleanup();
  clearMocks();
});

const healthy = { version: '0.1.0', dataDir: '/tmp/x', schemaVersion: 1, databaseError: null };

describe('App frame', () => {
  it('starts on an empty Plans screen that leads to the bank', async () => {
    mockIPC((cmd, args) => {
      if (cmd === 'get_app_status') return healthy;
      if (cmd === 'list_plans') return { plans: [], matching: 0, total: 0 };
      if (cmd === 'list_packs') return PACKS;
      if (cmd === 'get_pack') return packView((args as { pack: PackRef }).pack);
      throw new Error(cmd);
    });
    render(App);
    expect(await screen.findByTestId('plans-empty')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('open-bank'));
    expect(await screen.findByTestId('bank-list')).toBeTruthy();
    expect(screen.getByTestId('nav-bank').getAttribute('aria-current')).toBe('page');
  });

  it('switches screens with Ctrl+1 and Ctrl+2', async () => {
    mockIPC((cmd, args) => {
      if (cmd === 'get_app_status') return healthy;
      if (cmd === 'list_plans') return { plans: [], matching: 0, total: 0 };
      if (cmd === 'list_packs') return PACKS;
      if (cmd === 'get_pack') return packView((args as { pack: PackRef }).pack);
      throw new Error(cmd);
    });
    render(App);
    await screen.findByTestId('plans-empty');
    await fireEvent.keyDown(window, { key: '2', ctrlKey: true });
    expect(await screen.findByTestId('bank-list')).toBeTruthy();
    await fireEvent.keyDown(window, { key: '1', ctrlKey: true });
    expect(await screen.findByTestId('plans-empty')).toBeTruthy();
  });

  it('shows the database problem instead of an empty app', async () => {
    mockIPC((cmd) => {
      if (cmd === 'get_app_status')
        return {
          ...healthy,
          schemaVersion: null,
          databaseError: { code: 'database_corrupt', message: 'the database /x/panel.db is damaged' },
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
    mockIPC((cmd) => {
      if (cmd === 'get_app_status') return healthy;
      if (cmd === 'list_plans')
        return {
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
        };
      throw new Error(cmd);
    });
    render(App);
    const table = await screen.findByTestId('plans-table');
    expect(table.textContent).toContain('Zoë Łukasiewicz');
    expect(table.textContent).toContain('Scheduled');
    expect(table.textContent).toContain('4 panelists');
  });
});
