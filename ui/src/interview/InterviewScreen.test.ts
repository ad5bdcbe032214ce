import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import InterviewScreen from './InterviewScreen.svelte';
import type { InterviewView } from '../ipc';
import { QUESTIONS, planDetail } from '../test-fixtures';
import { savedFiles } from '../lib/saved.svelte';

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  clearMocks();
});

const plan = planDetail({
  panelists: [
    { id: 1, name: 'Priya Raman', email: null, slotMinutes: 45, focus: [], excluded: [], questionCount: 1, minutes: 8 },
    { id: 2, name: 'Marcus Feld', email: null, slotMinutes: 45, focus: [], excluded: [], questionCount: 1, minutes: 8 },
  ],
} as never);

function interview(
  overrides: Partial<InterviewView['scorecard']> = {},
  hasPin = false,
  planMode: InterviewView['planMode'] = 'lead',
): InterviewView {
  return {
    planMode,
    planId: 7,
    candidate: 'Zoë',
    panelistId: 1,
    panelistName: 'Priya Raman',
    slotMinutes: 45,
    level: 'vp',
    levelGuidance: null,
    roleTitle: 'VP, Product Security',
    startsAt: null,
    panelLead: 'Dana Whitfield',
    planNotes: '',
    questions: [QUESTIONS[0]],
    hasPin,
    guardChoiceNeeded: false,
    scorecard: {
      planId: 7,
      panelistId: 1,
      panelistName: 'Priya Raman',
      status: 'draft',
      recommendation: null,
      summary: '',
      submittedAt: null,
      answers: [
        {
          questionNumber: QUESTIONS[0].number,
          questionId: QUESTIONS[0].id,
          score: null,
          notAskedReason: null,
          covered: [],
          flags: [],
          notes: '',
          secondsSpent: 0,
        },
      ],
      capabilityRatings: [],
      ...overrides,
    },
  };
}

describe('Interview screen', () => {
  it('asks for the PIN of a guarded scorecard, says when it is wrong, and opens with the right one', async () => {
    let unlocked = false;
    const tried: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'get_plan') return plan;
      if (cmd === 'get_interview') {
        if (!unlocked) throw { code: 'locked', message: "Priya Raman's scorecard is guarded by a PIN" };
        return interview({}, true);
      }
      if (cmd === 'unlock_scorecard') {
        const pin = (args as { request: { pin: string } }).request.pin;
        tried.push(pin);
        if (pin !== '2468') throw { code: 'locked', message: 'wrong PIN; 4 more tries before a pause' };
        unlocked = true;
        return null;
      }
      throw new Error(cmd);
    });
    render(InterviewScreen, { planId: 7, onBack: () => {} });
    await fireEvent.click(await screen.findByTestId('i-am-1'));
    const entry = (await screen.findByTestId('pin-entry')) as HTMLInputElement;
    expect(screen.queryByTestId('interview-question')).toBeNull();
    await fireEvent.input(entry, { target: { value: '1111' } });
    await fireEvent.click(screen.getByTestId('pin-unlock'));
    expect((await screen.findByTestId('pin-error')).textContent).toContain('wrong PIN');
    expect(screen.queryByTestId('interview-question')).toBeNull();
    await fireEvent.input(entry, { target: { value: '2468' } });
    await fireEvent.click(screen.getByTestId('pin-unlock'));
    expect(await screen.findByTestId('interview-question')).toBeTruthy();
    expect(tried).toEqual(['1111', '2468']);
    expect(screen.getByTestId('pin-settings-open').textContent?.trim()).toBe('PIN on');
  });

  it('gives a key pressed right after "next" to the question now shown, while the last one still saves', async () => {
    const saves: { resolve: () => void; done?: boolean; answer: { questionNumber: number; score: number | null } }[] = [];
    const two = interview();
    two.questions = [QUESTIONS[0], QUESTIONS[1]];
    two.scorecard.answers = [
      two.scorecard.answers[0],
      { ...two.scorecard.answers[0], questionNumber: QUESTIONS[1].number, questionId: QUESTIONS[1].id },
    ];
    mockIPC((cmd, args) => {
      if (cmd === 'get_plan') return plan;
      if (cmd === 'get_interview') return two;
      if (cmd === 'get_recovered_drafts' || cmd === 'keep_typed_draft') return cmd === 'keep_typed_draft' ? null : [];
      if (cmd === 'save_answer') {
        const answer = (args as { request: { answer: { questionNumber: number; score: number | null } } }).request.answer;
        return new Promise<null>((resolve) => saves.push({ resolve: () => resolve(null), answer }));
      }
      throw new Error(cmd);
    });
    render(InterviewScreen, { planId: 7, onBack: () => {} });
    await fireEvent.click(await screen.findByTestId('i-am-1'));
    await screen.findByTestId('interview-question');
    // A slow disk: the first question's save is still running when the panelist moves on and
    // scores the next one.
    await fireEvent.keyDown(document.body, { key: '2' });
    void fireEvent.keyDown(document.body, { key: 'n' });
    await fireEvent.keyDown(document.body, { key: '2' });
    await waitFor(() => expect(saves.length).toBeGreaterThan(0));
    await waitFor(() => expect(screen.getByTestId(`rail-${QUESTIONS[1].number}`).className).toContain('scored'));
    expect(screen.getByTestId(`rail-${QUESTIONS[0].number}`).className).toContain('scored');
    expect(saves[0].answer).toMatchObject({ questionNumber: QUESTIONS[0].number, score: 2 });
    // The disk catches up: every save finishes, the second question's with its own score.
    const settle = async () => {
      while (saves.some((s) => !s.done)) {
        saves.filter((s) => !s.done).forEach((s) => { s.done = true; s.resolve(); });
        await new Promise((r) => setTimeout(r, 600));
      }
    };
    await settle();
    expect(saves.map((s) => [s.answer.questionNumber, s.answer.score])).toContainEqual([QUESTIONS[1].number, 2]);
  });

  it('stays on the screen with the text when the save fails, and leaves once it succeeds', async () => {
    let diskFull = true;
    const saved: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'get_plan') return plan;
      if (cmd === 'get_interview') return interview();
      if (cmd === 'save_answer') {
        if (diskFull) throw { code: 'storage', message: 'database or disk is full' };
        saved.push((args as { request: { answer: { notes: string } } }).request.answer.notes);
        return null;
      }
      throw new Error(cmd);
    });
    const onBack = vi.fn();
    render(InterviewScreen, { planId: 7, onBack });
    await fireEvent.click(await screen.findByTestId('i-am-1'));
    const notes = (await screen.findByTestId('notes')) as HTMLTextAreaElement;
    await fireEvent.input(notes, { target: { value: 'Named the risk owner' } });
    await fireEvent.click(screen.getByTestId('leave-interview'));
    expect((await screen.findByTestId('interview-error')).textContent).toContain('database or disk is full');
    expect(onBack).not.toHaveBeenCalled();
    expect((screen.getByTestId('notes') as HTMLTextAreaElement).value).toBe('Named the risk owner');
    diskFull = false;
    await fireEvent.click(screen.getByTestId('leave-interview'));
    await vi.waitFor(() => expect(onBack).toHaveBeenCalled());
    expect(saved.at(-1)).toBe('Named the risk owner');
  });

  it('keeps the panelist and their text when "Not you?" or Submit meet a failed save', async () => {
    let diskFull = true;
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'get_plan') return plan;
      if (cmd === 'get_interview') return interview();
      if (cmd === 'get_recovered_drafts' || cmd === 'keep_typed_draft') return cmd === 'keep_typed_draft' ? null : [];
      if (cmd === 'save_answer') {
        if (diskFull) throw { code: 'storage', message: 'database or disk is full' };
        return null;
      }
      if (cmd === 'submit_scorecard') return interview({ status: 'submitted', submittedAt: '2026-12-03T10:00:00Z' });
      throw new Error(cmd);
    });
    render(InterviewScreen, { planId: 7, onBack: vi.fn() });
    await fireEvent.click(await screen.findByTestId('i-am-1'));
    const notes = (await screen.findByTestId('notes')) as HTMLTextAreaElement;
    await fireEvent.input(notes, { target: { value: 'Owns the exception process' } });
    await fireEvent.click(screen.getByTestId('switch-panelist'));
    expect((await screen.findByTestId('interview-error')).textContent).toContain('database or disk is full');
    expect(screen.queryByTestId('i-am-1')).toBeNull();
    expect((screen.getByTestId('notes') as HTMLTextAreaElement).value).toBe('Owns the exception process');

    await fireEvent.click(screen.getByTestId('rail-overall'));
    const saves = () => calls.filter((c) => c === 'save_answer').length;
    const tried = saves();
    await fireEvent.click(await screen.findByTestId('submit-scorecard'));
    // Submit tries the save again (the screen already says "Not saved" from "Not you?"); wait
    // for that attempt to fail before the disk frees up.
    await vi.waitFor(() => expect(saves()).toBeGreaterThan(tried));
    await new Promise((settled) => setTimeout(settled, 0));
    expect(screen.getByTestId('interview-error').textContent).toContain('Your text stays here');
    expect(calls).not.toContain('submit_scorecard');
    diskFull = false;
    await fireEvent.click(screen.getByTestId('submit-scorecard'));
    await vi.waitFor(() => expect(calls).toContain('submit_scorecard'));
    expect(calls.lastIndexOf('save_answer')).toBeLessThan(calls.indexOf('submit_scorecard'));
  });

  it('keeps every change in the draft journal at once, before the autosave, even while the disk refuses it', async () => {
    const kept: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'get_plan') return plan;
      if (cmd === 'get_interview') return interview();
      if (cmd === 'get_recovered_drafts') return [];
      if (cmd === 'keep_typed_draft') {
        const request = (args as { request: { planCreatedAt: string; draft: { answer: { notes: string } } } }).request;
        expect(request.planCreatedAt).toBe(plan.createdAt);
        kept.push(request.draft.answer.notes);
        return null;
      }
      if (cmd === 'save_answer') throw { code: 'storage', message: 'attempt to write a readonly database' };
      throw new Error(cmd);
    });
    render(InterviewScreen, { planId: 7, onBack: vi.fn() });
    await fireEvent.click(await screen.findByTestId('i-am-1'));
    const notes = (await screen.findByTestId('notes')) as HTMLTextAreaElement;
    await fireEvent.input(notes, { target: { value: 'Named' } });
    await fireEvent.input(notes, { target: { value: 'Named the risk owner' } });
    // No pause needed: the journal has the last keystroke long before the autosave would run.
    await vi.waitFor(() => expect(kept.at(-1)).toBe('Named the risk owner'));
    await fireEvent.click(screen.getByTestId('leave-interview'));
    expect((await screen.findByTestId('interview-error')).textContent).toContain('A copy is kept on this computer');
  });

  it('says so on screen, and promises no copy, when the draft journal cannot be written', async () => {
    mockIPC((cmd) => {
      if (cmd === 'get_plan') return plan;
      if (cmd === 'get_interview') return interview();
      if (cmd === 'get_recovered_drafts') return [];
      if (cmd === 'keep_typed_draft') throw { code: 'invalid_input', message: 'the draft journal folder is not an owner-only folder' };
      if (cmd === 'save_answer') throw { code: 'storage', message: 'database or disk is full' };
      throw new Error(cmd);
    });
    render(InterviewScreen, { planId: 7, onBack: vi.fn() });
    await fireEvent.click(await screen.findByTestId('i-am-1'));
    const notes = (await screen.findByTestId('notes')) as HTMLTextAreaElement;
    await fireEvent.input(notes, { target: { value: 'Named the risk owner' } });
    expect((await screen.findByTestId('journal-state')).textContent).toContain('No safety copy');
    await fireEvent.click(screen.getByTestId('leave-interview'));
    const refused = (await screen.findByTestId('interview-error')).textContent ?? '';
    expect(refused).toContain('No copy could be kept either');
    expect(refused).not.toContain('A copy is kept');
  });

  it('offers back text a last session never saved, and restores it into the card and the autosave', async () => {
    const saved: string[] = [];
    const discarded: (number | null)[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'get_plan') return plan;
      if (cmd === 'get_interview') return interview();
      if (cmd === 'get_recovered_drafts')
        return [
          {
            typedAt: '2026-12-03T09:15:00.000Z',
            draft: {
              kind: 'answer',
              answer: { ...interview().scorecard.answers[0], score: 3, notes: 'Asked about the audit scope, then' },
            },
          },
        ];
      if (cmd === 'keep_typed_draft') return null;
      if (cmd === 'discard_recovered_draft') {
        discarded.push((args as { request: { questionNumber: number | null } }).request.questionNumber);
        return null;
      }
      if (cmd === 'save_answer') {
        saved.push((args as { request: { answer: { notes: string } } }).request.answer.notes);
        return null;
      }
      throw new Error(cmd);
    });
    const onBack = vi.fn();
    render(InterviewScreen, { planId: 7, onBack });
    await fireEvent.click(await screen.findByTestId('i-am-1'));
    const offer = await screen.findByTestId('recovered-drafts');
    expect(offer.textContent).toContain('Asked about the audit scope, then');
    expect(offer.textContent).toContain(`Question ${QUESTIONS[0].number}`);
    // The card waits for the answer: nothing typed now can be mixed up with the offer.
    expect(screen.queryByTestId('notes')).toBeNull();
    await fireEvent.click(screen.getByTestId('restore-drafts'));
    expect(screen.queryByTestId('recovered-drafts')).toBeNull();
    expect((screen.getByTestId('notes') as HTMLTextAreaElement).value).toBe('Asked about the audit scope, then');
    await fireEvent.click(screen.getByTestId('leave-interview'));
    await vi.waitFor(() => expect(onBack).toHaveBeenCalled());
    expect(saved.at(-1)).toBe('Asked about the audit scope, then');
    // Once the journal holds the restored text, the copy set aside for the offer goes.
    expect(discarded).toEqual([QUESTIONS[0].number]);
  });

  it('asks once whether others use this laptop, and remembers "mine alone"', async () => {
    const declared: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'get_plan') return plan;
      if (cmd === 'get_interview') return { ...interview(), guardChoiceNeeded: declared.length === 0 };
      if (cmd === 'declare_sole_user') {
        declared.push((args as { who: unknown }).who);
        return null;
      }
      throw new Error(cmd);
    });
    render(InterviewScreen, { planId: 7, onBack: () => {} });
    await fireEvent.click(await screen.findByTestId('i-am-1'));
    const ask = await screen.findByTestId('guard-choice');
    expect(ask.textContent).toContain('Anyone here can open your scorecard');
    expect(screen.getByTestId('interview-question')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('guard-alone'));
    await waitFor(() => expect(screen.queryByTestId('guard-choice')).toBeNull());
    expect(declared).toEqual([{ planId: 7, panelistId: 1 }]);
  });

  it('amends a submitted answer with a reason, sending only what changed', async () => {
    const submitted = interview({
      status: 'submitted',
      recommendation: 'yes',
      submittedAt: '2026-11-27T10:00:00Z',
      answers: [{ ...interview().scorecard.answers[0], score: 2, notes: 'Vague on metrics' }],
    });
    let sent: unknown = null;
    mockIPC((cmd, args) => {
      if (cmd === 'get_plan') return plan;
      if (cmd === 'get_interview') return submitted;
      if (cmd === 'amend_answer') {
        sent = (args as { request: unknown }).request;
        return {
          ...submitted,
          scorecard: {
            ...submitted.scorecard,
            answers: [{ ...submitted.scorecard.answers[0], score: 3 }],
          },
        };
      }
      throw new Error(cmd);
    });
    render(InterviewScreen, { planId: 7, onBack: () => {} });
    await fireEvent.click(await screen.findByTestId('i-am-1'));
    expect((await screen.findByTestId('score-2')).hasAttribute('disabled')).toBe(true);
    await fireEvent.click(screen.getByTestId('amend-open'));
    // One score picker and one notes field while amending: the form's.
    expect(screen.queryByTestId('score-2')).toBeNull();
    expect(screen.queryByTestId('notes')).toBeNull();
    expect(screen.getAllByRole('radiogroup')).toHaveLength(1);
    await fireEvent.click(screen.getByTestId('amend-score-3'));
    await fireEvent.input(screen.getByTestId('amend-reason'), {
      target: { value: 'Re-read my notes: the metrics were there' },
    });
    await fireEvent.click(screen.getByTestId('amend-save'));
    await waitFor(() => expect(screen.queryByTestId('amend-form')).toBeNull());
    expect(sent).toEqual({
      planId: 7,
      panelistId: 1,
      amendment: {
        questionNumber: QUESTIONS[0].number,
        score: 3,
        notes: null,
        reason: 'Re-read my notes: the metrics were there',
      },
    });
    expect(screen.getByTestId('score-3').getAttribute('aria-checked')).toBe('true');
  });

  it('offers a panelist copy to export the submitted scorecard as a signed file, and a lead plan not', async () => {
    const submitted = (mode: InterviewView['planMode']) =>
      interview(
        {
          status: 'submitted',
          recommendation: 'yes',
          submittedAt: '2026-11-27T10:00:00Z',
          answers: [{ ...interview().scorecard.answers[0], score: 3 }],
        },
        false,
        mode,
      );
    let sent: unknown = null;
    mockIPC((cmd, args) => {
      if (cmd === 'get_plan') return plan;
      if (cmd === 'get_interview') return submitted('panelist');
      if (cmd === 'plugin:dialog|save') return '/home/priya/Zoë - Priya Raman.hpscore';
      if (cmd === 'export_scorecard_file') {
        sent = (args as { request: unknown }).request;
        return { path: '/home/priya/Zoë - Priya Raman.hpscore', bytes: 2048 };
      }
      throw new Error(cmd);
    });
    render(InterviewScreen, { planId: 7, onBack: () => {} });
    await fireEvent.click(await screen.findByTestId('i-am-1'));
    await fireEvent.click(await screen.findByTestId('rail-overall'));
    await fireEvent.click(await screen.findByTestId('export-scorecard'));
    await waitFor(() => expect(savedFiles.latest?.path).toBe('/home/priya/Zoë - Priya Raman.hpscore'));
    expect(savedFiles.latest?.what).toBe('Signed scorecard');
    expect(sent).toEqual({ planId: 7, panelistId: 1, path: '/home/priya/Zoë - Priya Raman.hpscore', passphrase: null });

    cleanup();
    clearMocks();
    mockIPC((cmd) => {
      if (cmd === 'get_plan') return plan;
      if (cmd === 'get_interview') return submitted('lead');
      throw new Error(cmd);
    });
    render(InterviewScreen, { planId: 7, onBack: () => {} });
    await fireEvent.click(await screen.findByTestId('i-am-1'));
    await fireEvent.click(await screen.findByTestId('rail-overall'));
    await screen.findByTestId('submitted');
    expect(screen.queryByTestId('export-scorecard')).toBeNull();
  });
});
