import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import SplitBoard from './SplitBoard.svelte';
import type { AssignmentView, PlanDetail } from '../ipc';
import { QUESTIONS, planDetail } from '../test-fixtures';

afterEach(cleanup);

const assignment = (n: number, panelistId: number, position: number): AssignmentView => ({
  questionNumber: n,
  questionId: 100 + n,
  panelistId,
  position,
  pinned: false,
  reason: 'balance',
  reasonKind: { kind: 'balance' },
});

const PLAN: PlanDetail = planDetail({
  panelists: [
    { id: 1, name: 'Ana', email: null, minutes: 20, focus: [], excluded: [], loadMinutes: 18 },
    { id: 2, name: 'Ben', email: null, minutes: 10, focus: [], excluded: [], loadMinutes: 11 },
  ],
  assignments: [assignment(1, 1, 0), assignment(2, 1, 1), assignment(12, 2, 0)],
});

const questions = new Map(QUESTIONS.map((q) => [q.id, q]));

describe('Split board', () => {
  it('shows each panelist with load against slot and flags an overload in words', () => {
    render(SplitBoard, { plan: PLAN, questions });
    expect(screen.getByTestId('load-1').textContent).toContain('18 / 20 min');
    expect(screen.getByTestId('load-2').textContent).toContain('over by 1');
  });

  it('moves a card to the next panelist with Shift+Right and reorders with Shift+Up', async () => {
    const onMove = vi.fn();
    render(SplitBoard, { plan: PLAN, questions, onMove });
    await fireEvent.keyDown(screen.getByTestId('card-2-1'), { key: 'ArrowRight', shiftKey: true });
    expect(onMove).toHaveBeenLastCalledWith({
      questionNumber: 2,
      fromPanelistId: 1,
      toPanelistId: 2,
      position: 1,
    });
    await fireEvent.keyDown(screen.getByTestId('card-2-1'), { key: 'ArrowUp', shiftKey: true });
    expect(onMove).toHaveBeenLastCalledWith({
      questionNumber: 2,
      fromPanelistId: 1,
      toPanelistId: 1,
      position: 0,
    });
  });

  it('pins with P and never moves cards in a read-only preview', async () => {
    const onMove = vi.fn();
    const onPin = vi.fn();
    render(SplitBoard, { plan: PLAN, questions, onMove, onPin, readOnly: true });
    await fireEvent.keyDown(screen.getByTestId('card-1-1'), { key: 'ArrowRight', shiftKey: true });
    await fireEvent.keyDown(screen.getByTestId('card-1-1'), { key: 'p' });
    expect(onMove).not.toHaveBeenCalled();
    expect(onPin).not.toHaveBeenCalled();
  });
});
