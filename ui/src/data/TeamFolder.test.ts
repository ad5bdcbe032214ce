import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import TeamFolder from './TeamFolder.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const IDENTITY = {
  signingKey: 'ab'.repeat(32),
  recipient: 'age1example',
  fingerprint: '3F2A 9C01 0000 0000 0000 0000 0000 0000',
  line: 'hiring-panel-identity-1:abab:age1example:cdcd',
};

describe('Team folder', () => {
  it('shows this computer’s identity, chooses a folder, and says what a sync did', async () => {
    let folder: { path: string; state: string; message: string } | null = null;
    mockIPC((cmd, args) => {
      if (cmd === 'get_public_identity') return IDENTITY;
      if (cmd === 'get_team_folder') return folder;
      if (cmd === 'plugin:dialog|open') return '/home/dana/Sync/panel';
      if (cmd === 'set_team_folder') {
        const path = (args as { path: string | null }).path;
        folder = path ? { path, state: 'ready', message: `the team folder ${path} is ready` } : null;
        return folder;
      }
      if (cmd === 'sync_team_folder')
        return {
          published: [{ file: 'hp-1.hpkit', kind: 'kit', planId: 4, message: 'Ana Silva’s kit, encrypted to their identity 3F2A', conflictCopy: false }],
          imported: [{ file: 'hp-2.hpscore', kind: 'scorecard', planId: 4, message: 'Imported Ben’s scorecard for Zoë (revision 1).', conflictCopy: true }],
          refused: [],
          skipped: ['Chen’s kit was not published: no identity is recorded for them'],
          conflicts: [],
        };
      throw new Error(cmd);
    });
    render(TeamFolder);
    expect(((await screen.findByTestId('identity-line')) as HTMLInputElement).value).toBe(IDENTITY.line);
    expect(screen.getByTestId('identity-fingerprint').textContent).toBe(IDENTITY.fingerprint);
    expect((await screen.findByTestId('team-folder-none')).textContent).toContain('go by file');

    await fireEvent.click(screen.getByTestId('team-folder-choose'));
    expect((await screen.findByTestId('team-folder-state')).textContent).toContain('/home/dana/Sync/panel');
    await fireEvent.click(screen.getByTestId('team-sync'));
    const report = (await screen.findByTestId('team-report')).textContent ?? '';
    expect(report).toContain('1 file published, 1 file imported');
    expect(report).toContain('conflict copy');
    expect(report).toContain('no identity is recorded');

    await fireEvent.click(screen.getByTestId('team-folder-off'));
    expect(await screen.findByTestId('team-folder-none')).toBeTruthy();
  });

  it('says why a folder cannot be used, and keeps the choice as it was', async () => {
    mockIPC((cmd) => {
      if (cmd === 'get_public_identity') return IDENTITY;
      if (cmd === 'get_team_folder') return null;
      if (cmd === 'plugin:dialog|open') return '/mnt/gone';
      if (cmd === 'set_team_folder')
        throw { code: 'invalid_input', message: 'the team folder /mnt/gone is not there: start the sync engine' };
      throw new Error(cmd);
    });
    render(TeamFolder);
    await fireEvent.click(await screen.findByTestId('team-folder-choose'));
    expect((await screen.findByTestId('team-error')).textContent).toContain('is not there');
    expect(screen.getByTestId('team-folder-none')).toBeTruthy();
  });
});
