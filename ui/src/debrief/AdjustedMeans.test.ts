import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import AdjustedMeans from './AdjustedMeans.svelte';
import type { PlanAdjustment } from '../ipc';

afterEach(() => {
  cleanup();
  clearMocks();
});

const SHOWN: PlanAdjustment = {
  turnedOff: false,
  shown: true,
  capabilities: [
    { capability: 'risk', scores: 8, rawMean: 3.25, adjustedMean: 2.86, shortOfHistory: [], inWords: 'An estimate.' },
    { capability: 'leaders', scores: 0, rawMean: null, adjustedMean: null, shortOfHistory: [], inWords: 'No scores yet.' },
  ],
  panelists: [
    { panelistId: 1, name: 'Hannah Okonkwo', pastAnswers: 99, leniencyOffset: 0.54 },
    { panelistId: 2, name: 'Yasmin Haddad', pastAnswers: 91, leniencyOffset: -0.48 },
  ],
  inWords: 'Adjusted means are an estimate: the same scores with each interviewer’s usual leniency taken out.',
};

describe('Adjusted means in the debrief', () => {
  it('shows raw and adjusted side by side, labelled as an estimate, and turns off for the plan', async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'get_plan_adjustment') return SHOWN;
      if (cmd === 'set_adjusted_view') {
        calls.push(args);
        return { ...SHOWN, turnedOff: true, shown: false, inWords: 'The panel lead turned adjusted means off for this plan.' };
      }
      throw new Error(cmd);
    });
    render(AdjustedMeans, { planId: 7 });
    const rows = await screen.findAllByTestId('adjusted-row');
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain('3.25');
    expect(rows[0].textContent).toContain('2.86');
    expect(screen.getByTestId('adjusted-means').textContent).toContain('an estimate');
    await fireEvent.click(screen.getByTestId('adjusted-off'));
    await vi.waitFor(() =>
      expect(screen.getByTestId('adjusted-words').textContent).toContain('turned adjusted means off'),
    );
    expect(calls).toEqual([{ planId: 7, on: false }]);
    expect(screen.queryAllByTestId('adjusted-row')).toHaveLength(0);
    expect(screen.getByTestId('adjusted-on')).toBeTruthy();
  });

  it('says why there is no estimate for a panel with little history', async () => {
    mockIPC((cmd) => {
      if (cmd === 'get_plan_adjustment')
        return { ...SHOWN, shown: false, inWords: 'Adjusted means are shown once every interviewer on the panel has 30 past answers on this pack version: Priya Raman has 0.' };
      throw new Error(cmd);
    });
    render(AdjustedMeans, { planId: 7 });
    expect((await screen.findByTestId('adjusted-words')).textContent).toContain('Priya Raman has 0');
    expect(screen.queryAllByTestId('adjusted-row')).toHaveLength(0);
  });
});
