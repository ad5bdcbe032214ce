import { describe, expect, it } from 'vitest';
import { blankQuestion, draftOf, moved, toPackDraft } from './editing';
import type { PackView } from '../ipc';
import { QUESTIONS } from '../test-fixtures';

const VIEW: PackView = {
  id: 'acme-1a2b3c',
  version: 2,
  versions: [1, 2],
  title: 'Acme',
  builtin: false,
  editable: true,
  plans: 0,
  origin: 'local',
  shared: false,
  questions: QUESTIONS,
  levelGuidance: { vp: 'Board-level framing.' },
};

describe('the pack editor draft', () => {
  it('round-trips a pack and numbers questions by their order', () => {
    const draft = draftOf(VIEW);
    expect(draft.guidance).toEqual({ director: '', seniorDirector: '', vp: 'Board-level framing.', principal: '' });
    draft.questions = moved(draft.questions, 2, 0);
    const sent = toPackDraft(VIEW, draft);
    expect(sent.baseVersion).toBe(2);
    expect(sent.questions.map((q) => q.number)).toEqual([1, 2, 3]);
    expect(sent.questions[0].text).toContain('secure enough');
    expect(sent.questions[1].strongAnswer).toEqual(QUESTIONS[0].strongAnswer);
  });

  it('turns a new question’s lines into points', () => {
    const q = blankQuestion();
    q.text = 'Custom?';
    q.strong = 'First point\n\n Second point ';
    const sent = toPackDraft(VIEW, { ...draftOf(VIEW), questions: [q] });
    expect(sent.questions[0].strongAnswer).toEqual(['First point', 'Second point']);
    expect(sent.questions[0].minutes).toBe(8);
  });

  it('clamps moves to the ends of the list', () => {
    expect(moved([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(moved([1, 2, 3], 0, 9)).toEqual([2, 3, 1]);
  });
});
