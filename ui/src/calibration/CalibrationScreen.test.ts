import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import CalibrationScreen from './CalibrationScreen.svelte';
import type { CalibrationReport } from '../ipc';

afterEach(() => {
  cleanup();
  clearMocks();
});

/** What `panelctl calibration --json` printed for the calibration sample, cut to the most and
 *  the least generous interviewer and to questions 6 and 7 (7 barely separates candidates). */
const REPORT: CalibrationReport = {"scope": {"pack": {"id": "product-security-leadership", "version": 1}, "title": "Product Security Director / VP / Principal Interview Pack (2026)", "answers": 684}, "allVersions": false, "choices": [{"pack": {"id": "product-security-leadership", "version": 1}, "title": "Product Security Director / VP / Principal Interview Pack (2026)", "answers": 684}], "candidates": 19, "answers": 684, "panelMean": 2.6180179579239633, "inWords": "684 scored answers from 19 candidates and 7 interviewers on Product Security Director / VP / Principal Interview Pack (2026) version 1. Only independent, submitted scores of plans whose seal is open count.", "interviewers": [{"personId": 5, "name": "Hannah Okonkwo", "former": false, "scorecards": 12, "answers": 108, "leniencyOffset": 0.5402321415276328, "interval": [0.42249157645095303, 0.6579727066043125], "verdict": "abovePanel", "inWords": "Scores about half a point above the panel on the same answers; based on 108 answers.", "scores": {"ones": 0, "twos": 16, "threes": 56, "fours": 36}, "recommendations": {"strongNo": 0, "no": 2, "yes": 3, "strongYes": 7, "none": 0}, "notAskedShare": 0.0, "pointsPerAnswer": 0.7777777777777778, "withoutNotesShare": 0.0, "medianDaysToSubmit": 39.28439814783633, "adherenceInWords": "0 % of questions marked not asked; 0.8 rubric points ticked per answer; 0 % of answers without notes; submits about 39.3 days after the interview."}, {"personId": 3, "name": "Yasmin Haddad", "former": false, "scorecards": 11, "answers": 100, "leniencyOffset": -0.48271142044133536, "interval": [-0.6047362311637972, -0.36068660971887356], "verdict": "belowPanel", "inWords": "Scores about half a point below the panel on the same answers; based on 100 answers.", "scores": {"ones": 35, "twos": 43, "threes": 19, "fours": 3}, "recommendations": {"strongNo": 4, "no": 6, "yes": 1, "strongYes": 0, "none": 0}, "notAskedShare": 0.0, "pointsPerAnswer": 0.14, "withoutNotesShare": 0.0, "medianDaysToSubmit": 44.43023148132488, "adherenceInWords": "0 % of questions marked not asked; 0.1 rubric points ticked per answer; 0 % of answers without notes; submits about 44.4 days after the interview."}], "questions": [{"number": 6, "text": "A CTO wants one dashboard proving the program is working. What do you show?", "answers": 38, "candidates": 19, "mean": 2.210526315789474, "spread": 0.843349010400093, "scores": {"ones": 7, "twos": 19, "threes": 9, "fours": 3}, "ceilingShare": 0.07894736842105263, "floorShare": 0.18421052631578946, "barelySeparates": false, "agreement": {"pairs": 19, "status": "measured", "kappa": 0.24000000000000066, "interval": [-0.25873868214929435, 0.7387386821492956], "inWords": "Interviewers agree little on this question (weighted kappa 0.24, 95% interval -0.26 to 0.74; 19 pairs)."}, "untickedPoints": [], "inWords": "Separates candidates: scores spread 0.84 points (standard deviation) across 38 answers."}, {"number": 7, "text": "How do you handle persistent disagreement with infrastructure or platform leader", "answers": 38, "candidates": 19, "mean": 3.0526315789473686, "spread": 0.3244428422615253, "scores": {"ones": 0, "twos": 1, "threes": 34, "fours": 3}, "ceilingShare": 0.07894736842105263, "floorShare": 0.0, "barelySeparates": true, "agreement": {"pairs": 19, "status": "measured", "kappa": -0.027027027027026765, "interval": [-0.12430725510724377, 0.07025320105319025], "inWords": "Interviewers agree on this question hardly more than chance would (weighted kappa -0.03, 95% interval -0.12 to 0.07; 19 pairs)."}, "untickedPoints": ["Mature leaders avoid long-lived ambiguity because it creates operational dead zones."], "inWords": "Barely separates candidates: scores spread only 0.32 points (standard deviation) across 38 answers. 1 of its 3 strong-answer points were never ticked."}]};

const EMPTY: CalibrationReport = {
  scope: null,
  allVersions: false,
  choices: [],
  candidates: 0,
  answers: 0,
  panelMean: null,
  inWords: 'No submitted scores yet: calibration compares interviewers once panels have submitted their scorecards.',
  interviewers: [],
  questions: [],
};

describe('Calibration', () => {
  it('lists interviewers most generous first, each offset with its interval and its words', async () => {
    mockIPC((cmd) => {
      if (cmd === 'get_calibration') return REPORT;
      throw new Error(cmd);
    });
    render(CalibrationScreen, { onOpenPlan: vi.fn() });
    const rows = await screen.findAllByTestId('interviewer-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByTestId('interviewer-name').textContent).toBe('Hannah Okonkwo');
    expect(within(rows[0]).getByTestId('interviewer-offset').textContent).toMatch(/^\+0\.\d\d$/);
    expect(within(rows[0]).getByTestId('interviewer-words').textContent).toContain('above the panel');
    expect(within(rows[1]).getByTestId('interviewer-offset').textContent).toMatch(/^−0\.\d\d$/);
    expect(screen.getByTestId('calibration-summary').textContent).toContain('684 scored answers');
    const flat = screen.getAllByTestId('question-row').find((r) => r.dataset.number === '7')!;
    expect(within(flat).getByTestId('question-words').textContent).toContain('Barely separates');
  });

  it('asks for the chosen pack version and for every version', async () => {
    const scopes: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'get_calibration') {
        scopes.push((args as { scope: unknown }).scope);
        return REPORT;
      }
      throw new Error(cmd);
    });
    render(CalibrationScreen, { onOpenPlan: vi.fn() });
    await fireEvent.click(await screen.findByTestId('calibration-all-versions'));
    await vi.waitFor(() => expect(scopes).toHaveLength(2));
    expect(scopes).toEqual([
      { pack: null, allVersions: false },
      { pack: null, allVersions: true },
    ]);
  });

  it('says what calibration needs when nothing is submitted, and loads the sample', async () => {
    let loaded = false;
    mockIPC((cmd) => {
      if (cmd === 'get_calibration') return loaded ? REPORT : EMPTY;
      if (cmd === 'create_calibration_sample') {
        loaded = true;
        return Array.from({ length: 21 }, (_, i) => i + 1);
      }
      throw new Error(cmd);
    });
    render(CalibrationScreen, { onOpenPlan: vi.fn() });
    expect((await screen.findByTestId('calibration-empty')).textContent).toContain('Nothing to calibrate yet');
    await fireEvent.click(screen.getByTestId('load-calibration-sample'));
    expect((await screen.findByTestId('calibration-notice')).textContent).toContain('21 sample plans');
    expect(await screen.findAllByTestId('interviewer-row')).toHaveLength(2);
  });

  it("opens an interviewer's seats and merges another entry into them", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'get_calibration') return REPORT;
      if (cmd === 'get_person_seats')
        return [
          { panelistId: 11, planId: 3, candidate: 'Ana Lima', startsAt: '2026-11-02T09:30:00Z', name: 'Hannah Okonkwo', email: null },
          { panelistId: 12, planId: 4, candidate: 'Ben Ode', startsAt: null, name: 'H. Okonkwo', email: null },
        ];
      if (cmd === 'merge_people') return { id: REPORT.interviewers[0].personId, name: 'Hannah Okonkwo', email: null, former: false, plans: 14 };
      throw new Error(cmd);
    });
    const onOpenPlan = vi.fn();
    render(CalibrationScreen, { onOpenPlan });
    const [first] = await screen.findAllByTestId('interviewer-row');
    await fireEvent.click(within(first).getByTestId('interviewer-name'));
    expect(await screen.findAllByTestId('person-seat')).toHaveLength(2);
    await fireEvent.click(screen.getByText('Ana Lima'));
    expect(onOpenPlan).toHaveBeenCalledWith(3);
    const other = REPORT.interviewers[1];
    await fireEvent.change(screen.getByTestId('merge-with'), { target: { value: String(other.personId) } });
    await fireEvent.click(screen.getByTestId('merge-people'));
    expect((await screen.findByTestId('calibration-notice')).textContent).toContain('merged into Hannah Okonkwo: 14 plans');
    expect(calls.find(([c]) => c === 'merge_people')?.[1]).toEqual({ kept: REPORT.interviewers[0].personId, absorbed: other.personId });
  });

  it('draws a large organisation’s interviewers a page at a time', async () => {
    const many = Array.from({ length: 120 }, (_, n) => ({
      ...REPORT.interviewers[0],
      personId: 1000 + n,
      name: `Interviewer ${n + 1}`,
    }));
    mockIPC((cmd) => {
      if (cmd === 'get_calibration') return { ...REPORT, interviewers: many };
      throw new Error(cmd);
    });
    render(CalibrationScreen, { onOpenPlan: vi.fn() });
    expect(await screen.findAllByTestId('interviewer-row')).toHaveLength(50);
    expect(screen.getByTestId('interviewers-more').textContent).toContain('Showing 50 of 120 interviewers');
    await fireEvent.click(screen.getByTestId('show-more-interviewers'));
    expect(screen.getAllByTestId('interviewer-row')).toHaveLength(100);
    await fireEvent.click(screen.getByTestId('show-more-interviewers'));
    expect(screen.getAllByTestId('interviewer-row')).toHaveLength(120);
    expect(screen.queryByTestId('interviewers-more')).toBeNull();
  });
});
