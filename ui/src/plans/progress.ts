// What the Plans list says about where each plan stands, and whether it waits on the reader.
import type { PlanSummary } from '../ipc';

export type Progress = { text: string; needsYou: string | null };

/** "2 of 4 scorecards in", with "Decision needed" once every card is in and none is recorded. */
export function progressOf(plan: PlanSummary): Progress {
  if (plan.mode === 'panelist') {
    return plan.submittedCount > 0
      ? { text: 'Your scorecard is submitted', needsYou: null }
      : { text: 'Your scorecard is not submitted yet', needsYou: 'Score and submit' };
  }
  if (plan.status === 'withdrawn') return { text: 'Withdrawn', needsYou: null };
  if (plan.decided) return { text: 'Decision recorded', needsYou: null };
  if (plan.panelistCount === 0) return { text: 'No panel yet', needsYou: 'Add the panel' };
  const text = `${plan.submittedCount} of ${plan.panelistCount} scorecards in`;
  const needsYou = plan.submittedCount === plan.panelistCount ? 'Decision needed' : null;
  return { text, needsYou };
}
