import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import MeetingMode from './MeetingMode.svelte';
import { citation, clock, isForAgenda, sideBySide, timerWords } from './format';
import type { AgendaItem, Debrief, Meeting } from '../../ipc';

afterEach(() => {
  cleanup();
  clearMocks();
  vi.useRealTimers();
});

const DEBRIEF = {
  planId: 7,
  candidate: 'Zoë Łukasiewicz',
  panelists: [],
  questions: [
    {
      number: 2,
      text: 'How do you decide which risks to accept?',
      capabilities: ['risk'],
      strongAnswer: ['Names the risk owner', 'Quantifies exposure'],
      weakSignals: [],
      cells: [
        { panelistId: 1, panelistName: 'Priya Raman', score: 4, notAskedReason: null, covered: [0, 1], flags: [], notes: 'Named an owner per risk', submitted: true },
        { panelistId: 2, panelistName: 'Marcus Feld', score: 1, notAskedReason: null, covered: [], flags: [], notes: 'Vague on exposure', submitted: true },
      ],
    },
  ],
} as unknown as Debrief;

const ITEM: AgendaItem = {
  number: 1,
  kind: 'disagreement',
  questionNumber: 2,
  capability: null,
  title: 'How do you decide which risks to accept?',
  why: 'Scores 1 to 4: 3 points apart across 2 panelists',
  spread: 3,
  weight: 3,
  plannedSeconds: 1800,
  spentSeconds: 0,
  minutes: '',
  minutesAt: null,
};

function meeting(started: boolean, extra: Partial<Meeting> = {}): Meeting {
  return {
    planId: 7,
    candidate: 'Zoë Łukasiewicz',
    lengthMinutes: 30,
    startedAt: started ? '2026-12-03T10:00:00Z' : null,
    startedBy: started ? 'Dana Whitfield' : null,
    speakingOrder: [
      { panelistId: 2, name: 'Marcus Feld', seniority: 'junior', recommendation: 'no', summary: 'Vague', submitted: true },
      { panelistId: 1, name: 'Priya Raman', seniority: 'executive', recommendation: 'yes', summary: 'Solid', submitted: true },
    ],
    orderSetByLead: false,
    orderInWords: 'Least senior first, so the most senior voice speaks last.',
    agenda: [ITEM],
    added: [],
    decided: false,
    outcome: {
      independent: [{ capability: 'risk', mean: 2.5, scores: 2 }],
      afterDiscussion: [{ capability: 'risk', mean: 2.5, scores: 2 }],
      independentMean: 2.5,
      afterDiscussionMean: 2.5,
      tally: { strongNo: 0, no: 1, yes: 1, strongYes: 0, pending: 0 },
      movements: [],
    },
    ...extra,
  };
}

describe('Debrief mode', () => {
  it('runs from the keyboard: opening round, evidence before scores, minutes, a moved score', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    let started = false;
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === 'get_meeting') return meeting(started);
      if (cmd === 'start_meeting') {
        started = true;
        return meeting(true);
      }
      if (cmd === 'save_meeting_minutes' || cmd === 'record_item_time') return meeting(true);
      if (cmd === 'record_discussion_score')
        return meeting(true, {
          outcome: {
            ...meeting(true).outcome,
            afterDiscussionMean: 3,
            movements: [
              { panelistId: 2, panelistName: 'Marcus Feld', questionNumber: 2, questionText: ITEM.title, from: 1, to: 2,
                reason: 'Heard the exposure figure', itemNumber: 1, recordedBy: 'Dana Whitfield', recordedAt: '2026-12-03T10:05:00Z' },
            ],
          },
        });
      throw new Error(cmd);
    });
    render(MeetingMode, { debrief: DEBRIEF, onLeave: () => {} });
    // Before the start: the speaking order, least senior first, and the agenda proposed.
    await screen.findByTestId('meeting-setup');
    expect(screen.getAllByTestId('speaker').map((s) => s.querySelector('.name')?.textContent)).toEqual(['Marcus Feld', 'Priya Raman']);
    expect(screen.getAllByTestId('agenda-preview-item')[0].textContent).toContain('30:00');
    await fireEvent.click(screen.getByTestId('meeting-start'));
    const opening = await screen.findByTestId('opening-round');
    expect(opening.textContent).toMatch(/Marcus Feld\s*No hire\s*Vague/);

    await fireEvent.keyDown(document.body, { key: ' ' });
    await screen.findByText('Question 2: How do you decide which risks to accept?');
    // The evidence shows; the scores wait for S.
    expect(screen.getAllByTestId('evidence-cell')[0].textContent).toContain('Named an owner per risk');
    expect(screen.getAllByTestId('evidence-cell')[0].textContent).toContain('Heard: Names the risk owner · Quantifies exposure');
    expect(screen.queryByTestId('revealed-score')).toBeNull();
    await fireEvent.keyDown(document.body, { key: 's' });
    expect(screen.getAllByTestId('revealed-score').map((s) => s.textContent)).toEqual([
      expect.stringContaining('4'),
      expect.stringContaining('1'),
    ]);
    // A key typed into the minutes is the lead's writing, not a command.
    const minutes = screen.getByTestId('item-minutes') as HTMLTextAreaElement;
    await fireEvent.input(minutes, { target: { value: 'Marcus missed the exposure figure' } });
    await fireEvent.keyDown(minutes, { key: 's' });
    expect(screen.getAllByTestId('revealed-score')).toHaveLength(2);
    await fireEvent.blur(minutes);
    await vi.waitFor(() => expect(calls.some((c) => c.cmd === 'save_meeting_minutes')).toBe(true));
    expect(calls.find((c) => c.cmd === 'save_meeting_minutes')?.args).toMatchObject({
      request: { planId: 7, itemNumber: 1, text: 'Marcus missed the exposure figure' },
    });
    // Marcus moves from 1 to 2, with why.
    const form = screen.getAllByTestId('move-form')[1];
    await fireEvent.change(form.querySelector('select')!, { target: { value: '2' } });
    await fireEvent.input(form.querySelector('input')!, { target: { value: 'Heard the exposure figure' } });
    await fireEvent.submit(form);
    await screen.findByTestId('moved-score');
    expect(calls.find((c) => c.cmd === 'record_discussion_score')?.args).toMatchObject({
      request: { planId: 7, panelistId: 2, questionNumber: 2, score: 2, reason: 'Heard the exposure figure', itemNumber: 1 },
    });
    // → past the last item: the end, with the movement listed.
    await fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect((await screen.findByTestId('meeting-movements')).textContent).toContain('Marcus Feld on Q2: 1 → 2');
  });
});

describe('meeting words', () => {
  it('reads time calmly and cites items', () => {
    expect(clock(425)).toBe('7:05');
    expect(timerWords(60, 300)).toBe('4:00 left of 5:00');
    expect(timerWords(330, 300)).toBe('0:30 over 5:00');
    expect(citation(ITEM)).toBe('[Agenda item 1: Q2]');
    expect(citation({ ...ITEM, kind: 'thin-evidence', questionNumber: null, title: 'Risk: thin evidence' })).toBe(
      '[Agenda item 1: Risk: thin evidence]',
    );
    expect(
      sideBySide([{ capability: 'risk', mean: 2.5, scores: 2 }], [{ capability: 'risk', mean: 3, scores: 2 }]),
    ).toEqual([{ capability: 'risk', independent: 2.5, after: 3, moved: true }]);
  });

  it('leaves keys typed into a field to the field', () => {
    const textarea = document.createElement('textarea');
    const div = document.createElement('div');
    expect(isForAgenda(textarea)).toBe(false);
    expect(isForAgenda(div)).toBe(true);
    expect(isForAgenda(null)).toBe(true);
  });
});
