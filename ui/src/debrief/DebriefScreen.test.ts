import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import DebriefScreen from './DebriefScreen.svelte';
import type { Debrief, DebriefCell, QuestionDebrief } from '../ipc';

afterEach(() => {
  cleanup();
  clearMocks();
});

function cell(panelistId: number, score: number | null, notes = ''): DebriefCell {
  return {
    panelistId,
    panelistName: panelistId === 1 ? 'Priya Raman' : 'Marcus Feld',
    score,
    notAskedReason: null,
    covered: score ? [0] : [],
    flags: score === 1 ? [0] : [],
    notes,
    submitted: true,
  };
}

function question(number: number, scores: [number, number]): QuestionDebrief {
  const spread = Math.abs(scores[0] - scores[1]);
  return {
    number,
    text: `Question text ${number}`,
    capabilities: ['risk'],
    minutes: 8,
    strongAnswer: ['Names the risk owner', 'Quantifies exposure'],
    weakSignals: ['Treats every finding as critical'],
    cells: [cell(1, scores[0], `Notes of Priya on ${number}`), cell(2, scores[1])],
    mean: (scores[0] + scores[1]) / 2,
    min: Math.min(...scores),
    max: Math.max(...scores),
    spread,
    disagreement: spread >= 2,
    coverageRate: 0.5,
    redFlags: scores.filter((s) => s === 1).length,
    source: null,
  };
}

const DEBRIEF: Debrief = {
  planId: 7,
  candidate: 'Zoë Łukasiewicz',
  level: 'vp',
  roleTitle: 'VP Product Security',
  startsAt: null,
  panelLead: 'Dana Whitfield',
  recruiter: '',
  packId: 'product-security-leadership',
  packVersion: 1,
  packTitle: 'Product Security Director / VP / Principal Interview Pack (2026)',
  levelGuidance: null,
  computedAt: '2026-11-27T10:00:00Z',
  panelists: [
    { panelistId: 1, name: 'Priya Raman', submitted: true, submittedAt: null, recommendation: 'yes', summary: 'Solid', questions: 2 },
    { panelistId: 2, name: 'Marcus Feld', submitted: true, submittedAt: null, recommendation: 'no', summary: '', questions: 2 },
  ],
  questions: [question(1, [3, 3]), question(2, [4, 1])],
  capabilities: [{ capability: 'risk', mean: 2.75, scores: 4 }],
  tally: { strongNo: 0, no: 1, yes: 1, strongYes: 0, pending: 0 },
  completeness: { notSubmitted: [], neverScored: [], notAsked: [], complete: true },
  agreement: { pairs: 2, meanAbsoluteDifference: 1.5, exactRate: 0.5, withinOneRate: 0.5, inWords: 'The panel agrees only in part.' },
  decision: null,
  audit: [],
  adjusted: null,
  meeting: null,
};

describe('Debrief screen', () => {
  it('flags disagreement in words, sorts it first, and opens an answer', async () => {
    mockIPC((cmd) => {
      if (cmd === 'get_debrief') return DEBRIEF;
      throw new Error(cmd);
    });
    render(DebriefScreen, { planId: 7, onBack: () => {} });
    await screen.findByTestId('debrief-matrix');
    expect(screen.getByTestId('disagree-2').textContent).toBe('Disagree');
    expect(screen.queryByTestId('disagree-1')).toBeNull();
    const rows = () => screen.getAllByTestId(/^debrief-row-/).map((r) => r.dataset.testid);
    // The largest disagreement first, by default; plan order on request.
    expect(rows()).toEqual(['debrief-row-2', 'debrief-row-1']);
    await fireEvent.click(screen.getByTestId('sort-disagreement'));
    expect(rows()).toEqual(['debrief-row-1', 'debrief-row-2']);
    // The tally names who recommended what.
    const tally = screen.getByTestId('tally').textContent ?? '';
    expect(tally).toMatch(/1\s*Hire\s*Priya Raman/);
    expect(tally).toMatch(/1\s*No hire\s*Marcus Feld/);
    // …with each one's summary beside their name.
    expect(tally).toContain('Priya Raman — Solid');
    // Scores are printed, not only coloured.
    expect(screen.getByTestId('cell-2-2').textContent).toContain('1');
    await fireEvent.click(screen.getByTestId('cell-2-1'));
    const detail = screen.getByTestId('answer-detail');
    expect(within(detail).getByTestId('answer-notes').textContent).toBe('Notes of Priya on 2');
    expect(detail.textContent).toContain('✓ Names the risk owner');
    // Agreement in words first, with the disagreement count; the figures one click away.
    const agreement = screen.getByTestId('agreement');
    expect(agreement.querySelector('p')?.textContent?.replace(/\s+/g, ' ')).toBe(
      'The panel agrees only in part. One question has a disagreement of two points or more, listed first below.',
    );
    expect(agreement.querySelector('details')?.open).toBe(false);
    expect(agreement.querySelector('details')?.textContent).toContain('1.50');
  });

  it('follows changes made elsewhere and keeps the rationale being typed', async () => {
    let served = DEBRIEF;
    let asked = 0;
    mockIPC(
      (cmd) => {
        if (cmd === 'get_debrief') {
          asked += 1;
          return served;
        }
        if (cmd.startsWith('plugin:')) return null;
        throw new Error(cmd);
      },
      { shouldMockEvents: true },
    );
    render(DebriefScreen, { planId: 7, onBack: () => {} });
    await screen.findByTestId('debrief-matrix');
    await fireEvent.input(screen.getByTestId('decision-rationale'), { target: { value: 'Half a thought' } });
    // Another program (panelctl, a second window) changed a score: the shell says so.
    served = {
      ...DEBRIEF,
      questions: DEBRIEF.questions.map((q) => ({
        ...q,
        cells: q.cells.map((c) => (c.panelistId === 2 && q.number === 2 ? { ...c, score: 4 } : c)),
      })),
    };
    await waitFor(async () => {
      await emit('data-changed');
      expect(screen.getByTestId('cell-2-2').textContent).toContain('4');
    });
    expect(asked).toBeGreaterThan(1);
    expect((screen.getByTestId('decision-rationale') as HTMLTextAreaElement).value).toBe('Half a thought');
  });

  it('records a decision and shows a refused one specifically', async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'get_debrief') return DEBRIEF;
      if (cmd === 'record_decision') {
        const request = (args as { request: { decision: { rationale: string } } }).request;
        sent.push(request);
        if (!request.decision.rationale.trim()) throw { code: 'invalid_input', message: 'a decision needs a rationale' };
        return {
          ...DEBRIEF,
          decision: { decision: 'hire', rationale: request.decision.rationale, decidedBy: 'Dana Whitfield', decidedAt: '2026-11-27T11:00:00Z' },
        };
      }
      throw new Error(cmd);
    });
    render(DebriefScreen, { planId: 7, onBack: () => {} });
    await screen.findByTestId('debrief-matrix');
    expect((screen.getByTestId('decision-by') as HTMLInputElement).value).toBe('Dana Whitfield');
    await fireEvent.click(screen.getByTestId('decision-hire'));
    await fireEvent.click(screen.getByTestId('decision-save'));
    expect((await screen.findByTestId('decision-error')).textContent).toBe('a decision needs a rationale');
    await fireEvent.input(screen.getByTestId('decision-rationale'), { target: { value: 'Strong program story' } });
    await fireEvent.click(screen.getByTestId('decision-save'));
    expect((await screen.findByTestId('decision-recorded')).textContent).toContain('Hire');
    expect(sent[1]).toEqual({
      planId: 7,
      decision: { decision: 'hire', rationale: 'Strong program story', decidedBy: 'Dana Whitfield' },
    });
  });

  it('reopens a recorded decision with a reason and shows it in the audit trail', async () => {
    const decided: Debrief = {
      ...DEBRIEF,
      decision: { decision: 'hire', rationale: 'Strong', decidedBy: 'Dana Whitfield', decidedAt: '2026-11-27T11:00:00Z' },
    };
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'get_debrief') return decided;
      if (cmd === 'reopen_decision') {
        const request = (args as { request: { reason: string; by: string } }).request;
        sent.push(request);
        if (!request.reason.trim()) throw { code: 'invalid_input', message: 'reopening a decision needs a reason' };
        return {
          ...DEBRIEF,
          audit: [
            {
              at: '2026-11-28T09:00:00Z',
              actor: request.by,
              kind: 'decision reopened',
              title: 'Decision reopened',
              detail: JSON.stringify({ reason: request.reason }),
            },
          ],
        };
      }
      throw new Error(cmd);
    });
    render(DebriefScreen, { planId: 7, onBack: () => {} });
    await fireEvent.click(await screen.findByTestId('decision-reopen'));
    expect((screen.getByTestId('reopen-by') as HTMLInputElement).value).toBe('Dana Whitfield');
    await fireEvent.click(screen.getByTestId('reopen-confirm'));
    expect((await screen.findByTestId('reopen-error')).textContent).toBe('reopening a decision needs a reason');
    expect(screen.getByTestId('decision-recorded')).toBeTruthy();
    await fireEvent.input(screen.getByTestId('reopen-reason'), { target: { value: 'Ana amended a score' } });
    await fireEvent.click(screen.getByTestId('reopen-confirm'));
    const entry = await screen.findByTestId('audit-decision-reopened');
    expect(entry.textContent).toContain('Decision reopened');
    expect(entry.textContent).toContain('Ana amended a score');
    expect(screen.queryByTestId('decision-recorded')).toBeNull();
    expect(sent[1]).toEqual({ planId: 7, reason: 'Ana amended a score', by: 'Dana Whitfield' });
  });

  it('says why while the scores are sealed', async () => {
    mockIPC((cmd) => {
      if (cmd === 'get_debrief')
        throw { code: 'sealed', message: 'the debrief opens once every panelist has submitted' };
      throw new Error(cmd);
    });
    render(DebriefScreen, { planId: 7, onBack: () => {} });
    expect((await screen.findByTestId('debrief-error')).textContent).toContain('opens once every panelist');
    expect(screen.queryByTestId('export-packet')).toBeNull();
  });
});
