import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import DataScreen from './DataScreen.svelte';
import type { BackupInfo } from '../ipc';

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

describe('Data & backups', () => {
  it('backs up now and lists the new backup first', async () => {
    let list = [backup('panel-20261126T080000Z-daily.db', 'daily')];
    mockIPC((cmd) => {
      if (cmd === 'list_backups') return list;
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
      if (cmd === 'list_backups') return [backup('panel-20261126T080000Z-daily.db', 'daily')];
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
    mockIPC((cmd) => {
      if (cmd === 'list_backups') return [backup('panel-20261126T080000Z-daily.db', 'daily')];
      if (cmd === 'restore_backup') throw { code: 'rejected', message: '/x cannot be restored: it is damaged' };
      throw new Error(cmd);
    });
    render(DataScreen, { dataDir: '/data', onRestored: vi.fn() });
    await fireEvent.click(await screen.findByTestId('restore-0'));
    await fireEvent.click(screen.getByTestId('restore-confirm-0'));
    expect((await screen.findByTestId('restore-error')).textContent).toContain('it is damaged');
  });
});
