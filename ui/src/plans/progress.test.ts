import { describe, expect, it } from 'vitest';
import { progressOf } from './progress';
import type { PlanSummary } from '../ipc';

const plan = (over: Partial<PlanSummary>): PlanSummary => ({
  id: 1, candidate: 'Zoë', level: 'vp', roleTitle: '', status: 'interviewing', startsAt: null,
  panelistCount: 4, mode: 'lead', submittedCount: 0, decided: false, ...over,
});

describe('the Plans list progress', () => {
  it('counts the scorecards in and asks for the decision once all are in', () => {
    expect(progressOf(plan({ submittedCount: 2 }))).toEqual({ text: '2 of 4 scorecards in', needsYou: null });
    expect(progressOf(plan({ submittedCount: 4 }))).toEqual({ text: '4 of 4 scorecards in', needsYou: 'Decision needed' });
    expect(progressOf(plan({ submittedCount: 4, decided: true })).needsYou).toBeNull();
  });

  it('speaks to a panelist about their own card, and to a lead without a panel about the panel', () => {
    expect(progressOf(plan({ mode: 'panelist', panelistCount: 1 })).needsYou).toBe('Score and submit');
    expect(progressOf(plan({ mode: 'panelist', panelistCount: 1, submittedCount: 1 })).needsYou).toBeNull();
    expect(progressOf(plan({ panelistCount: 0, status: 'draft' })).needsYou).toBe('Add the panel');
    expect(progressOf(plan({ status: 'withdrawn', submittedCount: 4 })).needsYou).toBeNull();
  });
});
