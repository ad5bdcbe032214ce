import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import SplitBoard, { MAX_COLUMNS } from './SplitBoard.svelte';
import type { AssignmentView, BankQuestion, PanelistView, PlanDetail } from '../ipc';
import { QUESTIONS, planDetail, question } from '../test-fixtures';

afterEach(cleanup);

const assignment = (n: number, panelistId: number, position: number, pinned = false): AssignmentView => ({
  questionNumber: n,
  questionId: 100 + n,
  panelistId,
  position,
  pinned,
  reason: pinned ? 'pinned' : 'balance',
  reasonKind: pinned ? { kind: 'pinned' } : { kind: 'balance' },
});

const panelist = (id: number, name: string, minutes: number, loadMinutes: number): PanelistView => ({
  id,
  name,
  email: null,
  minutes,
  focus: [],
  excluded: [],
  loadMinutes,
  identityFingerprint: null,
});

const PLAN: PlanDetail = planDetail({
  panelists: [panelist(1, 'Ana', 20, 18), panelist(2, 'Ben', 10, 11)],
  assignments: [assignment(1, 1, 0), assignment(2, 1, 1), assignment(12, 2, 0)],
});

const questions = new Map(QUESTIONS.map((q) => [q.id, q]));

/** A question long enough that three lines of a narrow card would cut it. */
const LONG =
  'How do you handle persistent disagreement with infrastructure or platform leadership on control ' +
  'ownership, when both sides have a reasonable case and the release is next week?';

/**
 * Eight panelists (the case) sharing sixteen questions, two each, and a third for Ben:
 * panelist i asks questions 2i-1 and 2i, Ben (2) also asks 17, which Chloé (3) asks too
 * (calibration), and Farah (6) must not get question 3.
 */
const EIGHT_NAMES = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Eun-ji', 'Farah', 'Gustavo', 'Hiroko'];
const EIGHT: PlanDetail = planDetail({
  panelists: EIGHT_NAMES.map((name, i) => ({
    ...panelist(i + 1, name, 20 + 5 * (i % 3), 16),
    excluded: name === 'Farah' ? [3] : [],
  })),
  assignments: [
    ...EIGHT_NAMES.flatMap((_, i) => [assignment(2 * i + 1, i + 1, 0), assignment(2 * i + 2, i + 1, 1)]),
    assignment(17, 2, 2),
    assignment(17, 3, 2),
  ],
});
const eightQuestions = new Map<number, BankQuestion>(
  Array.from({ length: 17 }, (_, i) => {
    const q = question(i + 1, i === 2 ? { text: LONG } : {});
    return [q.id, q];
  }),
);

const panelistOrder = () =>
  [...document.querySelectorAll<HTMLElement>('[data-testid^="column-"]')].map((c) => c.dataset.testid);

describe('Split board', () => {
  it('shows each panelist with load against slot and flags an overload in words', () => {
    render(SplitBoard, { plan: PLAN, questions });
    expect(screen.getByTestId('load-1').textContent).toContain('18 / 20 min');
    expect(screen.getByTestId('load-2').textContent).toContain('over by 1');
    expect(screen.getByRole('region', { name: 'Ben: 11 of 10 minutes, over by 1' })).toBeTruthy();
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
    await fireEvent.keyDown(screen.getByTestId('card-12-2'), { key: 'ArrowLeft', shiftKey: true });
    expect(onMove).toHaveBeenLastCalledWith({
      questionNumber: 12,
      fromPanelistId: 2,
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
    // A preview offers nothing to act with: no pin marks, no bar, no key hint.
    expect(screen.queryByTestId('pin-1-1')).toBeNull();
    expect(screen.queryByTestId('split-board-actions')).toBeNull();
    expect(screen.queryByTestId('split-board-keys')).toBeNull();
  });

  describe('layout', () => {
    it('keeps one column per panelist up to five panelists', () => {
      const three = planDetail({
        panelists: [panelist(1, 'Ana', 20, 8), panelist(2, 'Ben', 20, 10), panelist(3, 'Chloé', 20, 9)],
        assignments: [assignment(1, 1, 0), assignment(2, 2, 0), assignment(12, 3, 0)],
      });
      render(SplitBoard, { plan: three, questions });
      expect(screen.getByTestId('split-board').dataset.layout).toBe('columns');
      expect(panelistOrder()).toEqual(['column-1', 'column-2', 'column-3']);
      expect(screen.getByTestId('split-board-keys').textContent).toMatch(/move it to the previous or next panelist/);
    });

    it('lays eight panelists out as rows, in panel order, each showing its whole questions', () => {
      render(SplitBoard, { plan: EIGHT, questions: eightQuestions });
      const board = screen.getByTestId('split-board');
      expect(board.dataset.layout).toBe('rows');
      expect(panelistOrder()).toEqual(EIGHT_NAMES.map((_, i) => `column-${i + 1}`));
      // Each lane says who and how loaded, in words.
      const chloe = screen.getByTestId('column-3');
      expect(within(chloe).getByText('Chloé')).toBeTruthy();
      expect(screen.getByTestId('load-3').textContent).toContain('16 / 30 min');
      expect(within(chloe).getByText('3 questions')).toBeTruthy();
      // The whole question is on the card as text (not only in a tooltip).
      const card = screen.getByTestId('card-3-2');
      expect(within(card).getByText(LONG).tagName).toBe('P');
      expect(card.querySelector('[title]')?.getAttribute('title')).not.toBe(LONG);
      expect(board.querySelectorAll('[data-card]')).toHaveLength(18);
      expect(screen.getByTestId('split-board-keys').textContent).toMatch(/move it to the panelist above or below/);
    });

    it('switches to rows above five panelists', () => {
      expect(MAX_COLUMNS).toBe(5);
      const first = (n: number) =>
        planDetail({ ...EIGHT, panelists: EIGHT.panelists.slice(0, n), assignments: EIGHT.assignments.filter((a) => a.panelistId <= n) });
      const five = render(SplitBoard, { plan: first(5), questions: eightQuestions, testId: 'five' });
      expect(screen.getByTestId('five').dataset.layout).toBe('columns');
      five.unmount();
      render(SplitBoard, { plan: first(6), questions: eightQuestions, testId: 'six' });
      expect(screen.getByTestId('six').dataset.layout).toBe('rows');
    });

    it('uses the testId it is given for the board and its bar', () => {
      render(SplitBoard, { plan: EIGHT, questions: eightQuestions, testId: 'split-other' });
      expect(screen.getByTestId('split-other').dataset.layout).toBe('rows');
      expect(screen.getByTestId('split-other-actions')).toBeTruthy();
    });
  });

  describe('keys in the rows layout', () => {
    it('moves a card to the panelist below with Shift+Down and above with Shift+Up', async () => {
      const onMove = vi.fn();
      render(SplitBoard, { plan: EIGHT, questions: eightQuestions, onMove });
      await fireEvent.keyDown(screen.getByTestId('card-4-2'), { key: 'ArrowDown', shiftKey: true });
      expect(onMove).toHaveBeenLastCalledWith({
        questionNumber: 4,
        fromPanelistId: 2,
        toPanelistId: 3,
        position: 1,
      });
      await fireEvent.keyDown(screen.getByTestId('card-4-2'), { key: 'ArrowUp', shiftKey: true });
      expect(onMove).toHaveBeenLastCalledWith({
        questionNumber: 4,
        fromPanelistId: 2,
        toPanelistId: 1,
        position: 1,
      });
      // The last lane has no lane below.
      onMove.mockClear();
      await fireEvent.keyDown(screen.getByTestId('card-15-8'), { key: 'ArrowDown', shiftKey: true });
      expect(onMove).not.toHaveBeenCalled();
    });

    it('reorders along the lane with Shift+Left and Shift+Right', async () => {
      const onMove = vi.fn();
      render(SplitBoard, { plan: EIGHT, questions: eightQuestions, onMove });
      await fireEvent.keyDown(screen.getByTestId('card-3-2'), { key: 'ArrowRight', shiftKey: true });
      expect(onMove).toHaveBeenLastCalledWith({
        questionNumber: 3,
        fromPanelistId: 2,
        toPanelistId: 2,
        position: 1,
      });
      await fireEvent.keyDown(screen.getByTestId('card-17-2'), { key: 'ArrowLeft', shiftKey: true });
      expect(onMove).toHaveBeenLastCalledWith({
        questionNumber: 17,
        fromPanelistId: 2,
        toPanelistId: 2,
        position: 1,
      });
      // The first card cannot go further back.
      onMove.mockClear();
      await fireEvent.keyDown(screen.getByTestId('card-3-2'), { key: 'ArrowLeft', shiftKey: true });
      expect(onMove).not.toHaveBeenCalled();
    });

    it('moves the focus along a lane with ←/→ and between lanes with ↑/↓', async () => {
      render(SplitBoard, { plan: EIGHT, questions: eightQuestions });
      await fireEvent.keyDown(screen.getByTestId('card-3-2'), { key: 'ArrowRight' });
      await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('card-4-2')));
      await fireEvent.keyDown(screen.getByTestId('card-4-2'), { key: 'ArrowDown' });
      await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('card-6-3')));
    });
  });

  describe('pinning', () => {
    const pinnedPlan = planDetail({
      panelists: PLAN.panelists,
      assignments: [assignment(1, 1, 0, true), assignment(2, 1, 1), assignment(12, 2, 0)],
    });

    it('labels the pin mark in words and names the key', () => {
      render(SplitBoard, { plan: pinnedPlan, questions });
      const pinned = screen.getByTestId('pin-1-1');
      const unpinned = screen.getByTestId('pin-2-1');
      expect(pinned.textContent).toContain('Pinned');
      expect(unpinned.textContent).toContain('Pin');
      expect(unpinned.textContent).not.toContain('Pinned');
      expect(pinned.getAttribute('title')).toMatch(/press P to unpin/);
      expect(unpinned.getAttribute('title')).toMatch(/Auto-split will keep it with this panelist/);
      // The card itself says so to a screen reader, which does not see the mark.
      expect(pinned.getAttribute('aria-hidden')).toBe('true');
      expect(within(screen.getByTestId('card-1-1')).getByText('pinned')).toBeTruthy();
    });

    it('pins from the mark, from P on the card, and from the bar', async () => {
      const onPin = vi.fn();
      render(SplitBoard, { plan: pinnedPlan, questions, onPin });
      await fireEvent.click(screen.getByTestId('pin-2-1'));
      expect(onPin).toHaveBeenLastCalledWith(expect.objectContaining({ questionNumber: 2, panelistId: 1 }));
      await fireEvent.keyDown(screen.getByTestId('card-12-2'), { key: 'P' });
      expect(onPin).toHaveBeenLastCalledWith(expect.objectContaining({ questionNumber: 12, panelistId: 2 }));
      await fireEvent.focus(screen.getByTestId('card-1-1'));
      const bar = screen.getByTestId('split-board-pin');
      expect(bar.textContent).toBe('Unpin');
      await fireEvent.click(bar);
      expect(onPin).toHaveBeenLastCalledWith(expect.objectContaining({ questionNumber: 1, pinned: true }));
    });
  });

  describe('the bar above the board', () => {
    it('acts on nothing until a card is selected', () => {
      render(SplitBoard, { plan: EIGHT, questions: eightQuestions });
      expect(screen.getByTestId('split-board-selection').textContent).toContain('Select a card');
      expect((screen.getByTestId('split-board-move') as HTMLButtonElement).disabled).toBe(true);
      expect((screen.getByTestId('split-board-pin') as HTMLButtonElement).disabled).toBe(true);
    });

    it('moves the selected card to the end of the chosen panelist, offering only those who may take it', async () => {
      const onMove = vi.fn();
      render(SplitBoard, { plan: EIGHT, questions: eightQuestions, onMove });
      const card = screen.getByTestId('card-3-2');
      await fireEvent.focus(card);
      expect(card.getAttribute('aria-selected')).toBe('true');
      expect(screen.getByTestId('split-board-selection').textContent).toMatch(/Question 3, asked by Ben/);

      const select = screen.getByLabelText('Move to') as HTMLSelectElement;
      const options = [...select.options];
      expect(options.map((o) => o.textContent)).toHaveLength(7);
      expect(options.find((o) => o.textContent?.startsWith('Farah'))?.disabled).toBe(true);
      expect(options.find((o) => o.textContent?.startsWith('Farah'))?.textContent).toContain('must not get it');
      expect(options.find((o) => o.textContent?.startsWith('Chloé'))?.textContent).toContain('16 / 30 min');

      await fireEvent.change(select, { target: { value: '5' } });
      await fireEvent.click(screen.getByTestId('split-board-move'));
      expect(onMove).toHaveBeenLastCalledWith({
        questionNumber: 3,
        fromPanelistId: 2,
        toPanelistId: 5,
        position: 2,
      });
    });

    it('does not offer a panelist who already asks the question', async () => {
      render(SplitBoard, { plan: EIGHT, questions: eightQuestions });
      await fireEvent.focus(screen.getByTestId('card-17-2'));
      const select = screen.getByLabelText('Move to') as HTMLSelectElement;
      const chloe = [...select.options].find((o) => o.textContent?.startsWith('Chloé'));
      expect(chloe?.disabled).toBe(true);
      expect(chloe?.textContent).toContain('already asks it');
      expect(select.value).toBe('1');
    });
  });

  it('makes each panelist one Tab stop: the selected card, else the first', async () => {
    render(SplitBoard, { plan: EIGHT, questions: eightQuestions });
    const stops = () => [...document.querySelectorAll<HTMLElement>('[data-card][tabindex="0"]')].map((c) => c.dataset.testid);
    expect(stops()).toHaveLength(8);
    expect(stops()).toContain('card-3-2');
    await fireEvent.focus(screen.getByTestId('card-17-2'));
    expect(stops()).toContain('card-17-2');
    expect(stops()).not.toContain('card-3-2');
  });

  it('drops a card at the place in a wrapped lane where it is let go', async () => {
    const onMove = vi.fn();
    render(SplitBoard, { plan: EIGHT, questions: eightQuestions, onMove });
    // Ben's lane as drawn: questions 3 and 4 on the first line, 17 alone on the second.
    const boxes: Record<string, [number, number]> = { 'card-3-2': [200, 100], 'card-4-2': [450, 100], 'card-17-2': [200, 220] };
    for (const [id, [left, top]] of Object.entries(boxes)) {
      screen.getByTestId(id).getBoundingClientRect = () =>
        ({ left, top, width: 240, height: 100, right: left + 240, bottom: top + 100, x: left, y: top }) as DOMRect;
    }
    const drop = (clientX: number, clientY: number) => {
      const lane = screen.getByTestId('column-2');
      lane.dispatchEvent(new MouseEvent('dragover', { bubbles: true, cancelable: true, clientX, clientY }));
      lane.dispatchEvent(new MouseEvent('drop', { bubbles: true, cancelable: true, clientX, clientY }));
    };
    await fireEvent.dragStart(screen.getByTestId('card-1-1'));
    drop(400, 150); // between 3 and 4 on the first line
    expect(onMove).toHaveBeenLastCalledWith({ questionNumber: 1, fromPanelistId: 1, toPanelistId: 2, position: 1 });
    await fireEvent.dragStart(screen.getByTestId('card-1-1'));
    drop(700, 260); // after 17 on the second line
    expect(onMove).toHaveBeenLastCalledWith({ questionNumber: 1, fromPanelistId: 1, toPanelistId: 2, position: 3 });
  });
});
