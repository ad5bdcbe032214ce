import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import FolderConflicts from './FolderConflicts.svelte';
import type { PlanDetail, ScorecardConflict } from '../ipc';
import { planDetail, scorecardConflict } from '../test-fixtures';

afterEach(() => {
  cleanup();
  clearMocks();
});

const conflict: ScorecardConflict = scorecardConflict();

describe('Returns waiting in the team folder', () => {
  it('shows the facts of each, and keeps or replaces only when the lead chooses', async () => {
    // The core's sentence: the card here is a draft with answers, not a submitted one.
    const message =
      "Tom Becker's own scorecard came back through the team folder, but their scorecard has answers recorded on this computer. Nothing was replaced: choose which one counts.";
    let waiting = [{ file: 'hp-abc.hpscore', conflict, message }];
    const chosen: [string, boolean][] = [];
    let updated: PlanDetail | null = null;
    const plan = planDetail({ id: 4 });
    mockIPC((cmd, args) => {
      if (cmd === 'get_team_conflicts') return waiting;
      if (cmd === 'resolve_team_conflict') {
        const { file, replace } = args as { file: string; replace: boolean };
        chosen.push([file, replace]);
        waiting = [];
        return { message: 'Imported Tom Becker’s scorecard for Zoë (revision 1, replacing the scorecard recorded on this computer).', outcome: {} };
      }
      if (cmd === 'get_plan') return plan;
      throw new Error(cmd);
    });
    render(FolderConflicts, { plan, onChange: (p: PlanDetail) => (updated = p) });
    const card = await screen.findByTestId('folder-conflict');
    expect(card.textContent).toContain(message);
    expect(card.textContent).toContain('In the team folder');
    expect(chosen).toEqual([]);
    await fireEvent.click(screen.getByTestId('folder-conflict-replace'));
    expect((await screen.findByTestId('folder-conflict-notice')).textContent).toContain('replacing the scorecard');
    expect(chosen).toEqual([['hp-abc.hpscore', true]]);
    await waitFor(() => expect(screen.queryByTestId('folder-conflict')).toBeNull());
    await waitFor(() => expect(updated).not.toBeNull());
  });
});
