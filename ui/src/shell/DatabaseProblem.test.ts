import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import DatabaseProblem from './DatabaseProblem.svelte';
import type { BackupInfo, BackupQuery } from '../ipc';

afterEach(() => {
  cleanup();
  clearMocks();
});

/** `count` restorable backups, newest first, one a day from 26 November 2026 back. */
function backups(count: number): BackupInfo[] {
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.UTC(2026, 10, 26, 8) - i * 86_400_000).toISOString().replace('.000', '');
    const name = `panel-${at.replaceAll(/[-:]/g, '')}-daily.db`;
    return { path: `/data/backups/${name}`, fileName: name, takenAt: at, kind: 'daily', bytes: 159744 };
  });
}

const props = { message: 'the database /data/panel.db is damaged', dataDir: '/data' };

describe('the recovery screen', () => {
  it('recommends the newest restorable backup and pages through the others', async () => {
    const all = backups(75);
    const asked: BackupQuery[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'list_backups') {
        const query = (args as { query: BackupQuery }).query;
        asked.push(query);
        const offset = query.offset ?? 0;
        return { backups: all.slice(offset, offset + (query.limit ?? all.length)), total: all.length };
      }
      throw new Error(cmd);
    });
    render(DatabaseProblem, props);
    const newest = await screen.findByTestId('recovery-restore-newest');
    expect(newest.textContent).toContain('Restore the newest backup');
    expect(asked, 'damaged files moved aside are not offered').toEqual([{ restorable: true, offset: 0, limit: 50 }]);
    expect(screen.getByText('Other backups (75)'), 'every restorable backup is counted').toBeTruthy();
    expect(screen.getByTestId('backup-49')).toBeTruthy();
    expect(screen.queryByTestId('backup-50')).toBeNull();

    await fireEvent.click(screen.getByTestId('show-more-backups'));
    expect(await screen.findByTestId('backup-74')).toBeTruthy();
    expect(screen.queryByTestId('backups-more')).toBeNull();
    expect(asked.at(-1)).toEqual({ restorable: true, offset: 50, limit: 50 });
  });

  it('offers a file when the backups cannot be read', async () => {
    mockIPC((cmd) => {
      if (cmd === 'list_backups') throw { code: 'invalid_input', message: 'cannot read /data/backups' };
      throw new Error(cmd);
    });
    render(DatabaseProblem, props);
    expect(await screen.findByTestId('no-backups')).toBeTruthy();
    expect(screen.getByTestId('recovery-restore-file').classList.contains('primary')).toBe(true);
    expect(screen.queryByTestId('recovery-restore-newest')).toBeNull();
  });
});
