import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { api } from '.';

afterEach(() => clearMocks());

describe('the plan screen asks for its scorecards as it opens', () => {
  it('hands the prefetched scorecards to that plan once, and asks again after', async () => {
    const asked: number[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== 'get_panel_scorecards') throw new Error(cmd);
      const planId = (args as { planId: number }).planId;
      asked.push(planId);
      return { planId, sealed: true, panelists: [], asked: asked.length };
    });
    api.prefetchPanelScorecards(7);
    expect(asked).toEqual([7]);
    const first = (await api.panelScorecards(7)) as unknown as { asked: number };
    expect(first.asked).toBe(1);
    expect(asked).toEqual([7]);
    // Taken once: the next request (after an unseal, a refresh) is a fresh one.
    await api.panelScorecards(7);
    expect(asked).toEqual([7, 7]);
  });

  it('never hands one plan the scorecards of another', async () => {
    const asked: number[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== 'get_panel_scorecards') throw new Error(cmd);
      const planId = (args as { planId: number }).planId;
      asked.push(planId);
      return { planId, sealed: true, panelists: [] };
    });
    api.prefetchPanelScorecards(7);
    const cards = (await api.panelScorecards(8)) as unknown as { planId: number };
    expect(cards.planId).toBe(8);
    expect(asked).toEqual([7, 8]);
  });
});
