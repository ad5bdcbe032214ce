// Words and figures of the debrief meeting, kept apart from the screen so they are tested alone.
import { VOCABULARY, type AgendaItem, type CapabilitySummary } from '../../ipc';
import { clock } from '../../interview/scale';

export { clock };

/** Panelists' seniorities, least senior first: the core's words. */
export const SENIORITY = VOCABULARY.seniorities;

/** The item's heading: "Question 7: …" for a question, the title otherwise. */
export function itemHeading(item: AgendaItem): string {
  return item.questionNumber !== null && item.kind !== 'thin-evidence'
    ? `Question ${item.questionNumber}: ${item.title}`
    : item.title;
}

/** A citation of an item for the decision's rationale. */
export function citation(item: AgendaItem): string {
  const what = item.questionNumber !== null && item.kind !== 'thin-evidence' ? `Q${item.questionNumber}` : item.title;
  return `[Agenda item ${item.number}: ${what}]`;
}

/** How the timer reads without alarm: time left while there is some, then how far over. */
export function timerWords(spent: number, planned: number): string {
  const left = planned - spent;
  return left >= 0 ? `${clock(left)} left of ${clock(planned)}` : `${clock(-left)} over ${clock(planned)}`;
}

/** A capability's means, independent beside after discussion, as the decision form shows them. */
export function sideBySide(independent: CapabilitySummary[], after: CapabilitySummary[]) {
  return independent
    .filter((c) => c.scores > 0)
    .map((c) => {
      const a = after.find((x) => x.capability === c.capability);
      return { capability: c.capability, independent: c.mean, after: a?.mean ?? null, moved: a?.mean !== c.mean };
    });
}

/** Whether a key press belongs to the meeting rather than to the control that has focus. */
export function isForAgenda(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return true;
  if (target.isContentEditable) return false;
  return !['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A', 'SUMMARY'].includes(target.tagName);
}
