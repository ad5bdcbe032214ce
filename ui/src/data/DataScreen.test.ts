import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import DataScreen from './DataScreen.svelte';
import type { BackupInfo, BackupQuery } from '../ipc';

afterEach(() => {
  cleanup();
  clearMocks();
});

const backup = (name: string, kind: BackupInfo['kind']): BackupInfo => ({
  path: `/data/backups/${name}`,
  fileName: name,
  takenAt: '2026-11-26T08:00:00Z',
  kind,
  bytes: 159744,
});

/** `list_backups` for a query: the page of `all` (newest first) the core would send. */
function page(all: BackupInfo[], args: unknown) {
  const { restorable = false, offset = 0, limit = null } = (args as { query: BackupQuery }).query;
  const listed = all.filter((b) => !restorable || b.kind !== 'damaged');
  return { backups: listed.slice(offset, limit === null ? undefined : offset + limit), total: listed.length };
}

/** `count` backups, newest first: one a day, every tenth a damaged file moved aside. */
function many(count: number): BackupInfo[] {
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(2026, 10, 26) - i * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    return backup(`panel-${day}T080000Z-${i % 10 === 9 ? 'damaged' : 'manual'}.db`, i % 10 === 9 ? 'damaged' : 'manual');
  });
}

describe('Data & backups', () => {
  it('backs up now and lists the new backup first', async () => {
    let list = [backup('panel-20261126T080000Z-daily.db', 'daily')];
    mockIPC((cmd, args) => {
      if (cmd === 'list_backups') return page(list, args);
      if (cmd === 'back_up_now') {
        const made = backup('panel-20261127T093000Z-manual.db', 'manual');
        list = [made, ...list];
        return made;
      }
      throw new Error(cmd);
    });
    render(DataScreen, { dataDir: '/data', onRestored: vi.fn() });
    expect(await screen.findByTestId('backup-0')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('back-up-now'));
    expect((await screen.findByTestId('data-notice')).textContent).toContain('-manual.db');
    await vi.waitFor(() => expect(screen.getByTestId('backup-0').textContent).toContain('Made by hand'));
  });

  it('restores only after a confirmation and says where the replaced data went', async () => {
    const restored: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'list_backups') return page([backup('panel-20261126T080000Z-daily.db', 'daily')], args);
      if (cmd === 'restore_backup') {
        restored.push((args as { path: string }).path);
        return {
          restoredFrom: '/data/backups/panel-20261126T080000Z-daily.db',
          keptPreviousAs: '/data/backups/panel-20261127T093100Z-before-restore.db',
          report: { ok: true, integrity: ['ok'], schemaVersion: 6, expectedSchemaVersion: 6, counts: [] },
        };
      }
      throw new Error(cmd);
    });
    const onRestored = vi.fn();
    render(DataScreen, { dataDir: '/data', onRestored });
    await fireEvent.click(await screen.findByTestId('restore-0'));
    expect(restored).toEqual([]);
    await fireEvent.click(screen.getByTestId('restore-confirm-0'));
    await vi.waitFor(() => expect(onRestored).toHaveBeenCalled());
    expect(restored).toEqual(['/data/backups/panel-20261126T080000Z-daily.db']);
    expect(screen.getByTestId('data-notice').textContent).toContain('before-restore.db');
  });

  it('shows why a backup was refused', async () => {
    mockIPC((cmd, args) => {
      if (cmd === 'list_backups') return page([backup('panel-20261126T080000Z-daily.db', 'daily')], args);
      if (cmd === 'restore_backup') throw { code: 'rejected', message: '/x cannot be restored: it is damaged' };
      throw new Error(cmd);
    });
    render(DataScreen, { dataDir: '/data', onRestored: vi.fn() });
    await fireEvent.click(await screen.findByTestId('restore-0'));
    await fireEvent.click(screen.getByTestId('restore-confirm-0'));
    expect((await screen.findByTestId('restore-error')).textContent).toContain('it is damaged');
  });

  it('shows the newest fifty backups and the rest on request, and keeps them shown after a backup', async () => {
    let list = many(120);
    const asked: BackupQuery[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'list_backups') {
        asked.push((args as { query: BackupQuery }).query);
        return page(list, args);
      }
      if (cmd === 'back_up_now') {
        const made = backup('panel-20261127T093000Z-manual.db', 'manual');
        list = [made, ...list];
        return made;
      }
      throw new Error(cmd);
    });
    render(DataScreen, { dataDir: '/data', onRestored: vi.fn() });
    expect(await screen.findByTestId('backup-49')).toBeTruthy();
    expect(screen.queryByTestId('backup-50')).toBeNull();
    expect(asked).toEqual([{ restorable: false, offset: 0, limit: 50 }]);
    expect(screen.getByTestId('backups-more').textContent).toContain('Showing the newest 50 of 120 backups');
    expect(screen.getByTestId('backup-9').textContent, 'damaged files are listed here').toContain('Damaged');

    await fireEvent.click(screen.getByTestId('show-more-backups'));
    expect(await screen.findByTestId('backup-99')).toBeTruthy();
    expect(screen.getByTestId('show-more-backups').textContent).toContain('Show 20 more');
    await fireEvent.click(screen.getByTestId('show-more-backups'));
    expect(await screen.findByTestId('backup-119')).toBeTruthy();
    expect(screen.queryByTestId('backups-more'), 'nothing more to show').toBeNull();
    expect(asked.map((q) => q.offset)).toEqual([0, 50, 100]);

    await fireEvent.click(screen.getByTestId('back-up-now'));
    await vi.waitFor(() =>
      expect(screen.getByTestId('backups-more').textContent).toContain('Showing the newest 120 of 121 backups'),
    );
    expect(asked.at(-1), 'a reload keeps the rows shown').toEqual({ restorable: false, offset: 0, limit: 120 });
  });
});
