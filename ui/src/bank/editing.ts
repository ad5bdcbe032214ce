// The pack editor's draft: questions as the form edits them (lists as one point per line), and
// the conversions to and from what the core stores. Kept apart from the components so the
// conversions are tested without a window.
import type { Capability, LevelGuidance, PackDraft, PackView, Question } from '../ipc';
import { linesToList } from './packs';

/** A question while it is being edited. */
export type EditableQuestion = {
  text: string;
  strong: string;
  weak: string;
  notes: string;
  capabilities: Capability[];
  rationale: string;
  minutes: number;
};

/** The whole draft the editor holds until Save. */
export type EditorDraft = {
  title: string;
  guidance: Required<LevelGuidance>;
  questions: EditableQuestion[];
};

export function toEditable(q: Question): EditableQuestion {
  return {
    text: q.text,
    strong: q.strongAnswer.join('\n'),
    weak: q.weakSignals.join('\n'),
    notes: q.interviewerNotes.join('\n'),
    capabilities: [...q.capabilities],
    rationale: q.capabilityRationale,
    minutes: q.minutes,
  };
}

export function draftOf(view: PackView): EditorDraft {
  return {
    title: view.title,
    guidance: {
      director: view.levelGuidance.director ?? '',
      seniorDirector: view.levelGuidance.seniorDirector ?? '',
      vp: view.levelGuidance.vp ?? '',
      principal: view.levelGuidance.principal ?? '',
    },
    questions: view.questions.map(toEditable),
  };
}

/** A new question: a blank text, the editor's usual budget, no capability yet. */
export function blankQuestion(): EditableQuestion {
  return { text: '', strong: '', weak: '', notes: '', capabilities: [], rationale: '', minutes: 8 };
}

/** What Save sends: numbers follow the order; the core checks and trims the rest. */
export function toPackDraft(view: PackView, draft: EditorDraft): PackDraft {
  return {
    id: view.id,
    baseVersion: view.version,
    title: draft.title,
    levelGuidance: draft.guidance,
    questions: draft.questions.map((q, i) => ({
      number: i + 1,
      text: q.text,
      strongAnswer: linesToList(q.strong),
      weakSignals: linesToList(q.weak),
      interviewerNotes: linesToList(q.notes),
      capabilities: q.capabilities,
      capabilityRationale: q.rationale,
      minutes: Number(q.minutes) || 0,
    })),
  };
}

/** Moves item `from` to `to` (clamped), returning a new array. */
export function moved<T>(items: T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(items.length - 1, to));
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item);
  return next;
}
