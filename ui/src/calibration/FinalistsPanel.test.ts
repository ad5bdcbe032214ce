import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import FinalistsPanel from './FinalistsPanel.svelte';
import type { Comparison, PlanSummary } from '../ipc';

afterEach(() => {
  cleanup();
  clearMocks();
});

/** What `panelctl compare 1 2 --json` printed for the calibration sample's first two plans. */
const COMPARISON: Comparison = {"plans": [{"planId": 1, "candidate": "Sipho Ndlovu", "roleTitle": "Director, Product Security", "tally": {"strongNo": 2, "no": 2, "yes": 0, "strongYes": 0, "pending": 0}, "capabilities": [{"capability": "program", "scores": 12, "rawMean": 1.8333333333333333, "adjustedMean": 1.9654875049889053}, {"capability": "alignment", "scores": 20, "rawMean": 2.2, "adjustedMean": 2.311128041934107}, {"capability": "leaders", "scores": 10, "rawMean": 1.4, "adjustedMean": 1.6752401300410393}, {"capability": "investment", "scores": 12, "rawMean": 1.5, "adjustedMean": 1.6900819250502745}, {"capability": "risk", "scores": 12, "rawMean": 1.8333333333333333, "adjustedMean": 1.9894950274919072}], "adjustedShown": true, "adjustedInWords": "Adjusted means are an estimate: the same scores with each interviewer's usual leniency (how far their scores sit above or below other interviewers' on the same candidates and questions, measured over their past answers) taken out; the recorded scores, the tally and the decision do not change.", "disagreements": [{"number": 8, "text": "What does a good first 90 days look like for a new Product Security director?", "spread": 2}, {"number": 2, "text": "How would you build a Product Security program in a company that ships fast and hates gates?", "spread": 1}, {"number": 3, "text": "How do you decide whether the company needs centralized, embedded, or federated Product Security?", "spread": 1}], "decision": "No hire"}, {"planId": 2, "candidate": "Marta Kowalczyk", "roleTitle": "Director, Product Security", "tally": {"strongNo": 0, "no": 2, "yes": 2, "strongYes": 0, "pending": 0}, "capabilities": [{"capability": "program", "scores": 12, "rawMean": 2.5, "adjustedMean": 2.4884037193529207}, {"capability": "alignment", "scores": 20, "rawMean": 2.75, "adjustedMean": 2.568193552057618}, {"capability": "leaders", "scores": 10, "rawMean": 1.8, "adjustedMean": 2.028165904817226}, {"capability": "investment", "scores": 12, "rawMean": 2.4166666666666665, "adjustedMean": 2.4634045459038947}, {"capability": "risk", "scores": 12, "rawMean": 2.4166666666666665, "adjustedMean": 2.4032163760678733}], "adjustedShown": true, "adjustedInWords": "Adjusted means are an estimate: the same scores with each interviewer's usual leniency (how far their scores sit above or below other interviewers' on the same candidates and questions, measured over their past answers) taken out; the recorded scores, the tally and the decision do not change.", "disagreements": [{"number": 1, "text": "What should a Product Security program actually own versus influence?", "spread": 1}, {"number": 5, "text": "How do you justify Product Security budget when the company has not had a major public incident?", "spread": 1}, {"number": 6, "text": "A CTO wants one dashboard proving the program is working. What do you show?", "spread": 1}], "decision": "Hold"}], "capabilities": ["program", "alignment", "leaders", "investment", "risk"], "commonQuestions": [{"number": 1, "text": "What should a Product Security program actually own versus influence?"}, {"number": 2, "text": "How would you build a Product Security program in a company that ships fast and hates gates?"}, {"number": 3, "text": "How do you decide whether the company needs centralized, embedded, or federated Product Security?"}, {"number": 4, "text": "What metrics would you never use as your headline KPI?"}, {"number": 5, "text": "How do you justify Product Security budget when the company has not had a major public incident?"}, {"number": 6, "text": "A CTO wants one dashboard proving the program is working. What do you show?"}, {"number": 7, "text": "How do you handle persistent disagreement with infrastructure or platform leadership on control ownership?"}, {"number": 8, "text": "What does a good first 90 days look like for a new Product Security director?"}, {"number": 9, "text": "What is your escalation philosophy for security versus delivery conflicts?"}, {"number": 10, "text": "How do you assess whether a Product Security team is understaffed or poorly structured?"}, {"number": 11, "text": "How do you think about outsourced security services or small consultancy support?"}, {"number": 12, "text": "How would you respond if a board member asks whether the company is “secure enough”?"}, {"number": 13, "text": "Tell me about a time you intentionally slowed delivery."}, {"number": 14, "text": "What is the difference between a Product Security leader and a compliance leader?"}, {"number": 15, "text": "How do you build the bench under you?"}, {"number": 16, "text": "What would make you walk away from a role?"}, {"number": 17, "text": "How do you communicate a multi-quarter Product Security roadmap to non-security executives?"}, {"number": 18, "text": "What is the single biggest mistake directors make when scaling Product Security?"}], "inWords": "2 candidates compared on the 18 questions every panel asked."};

const plan = (id: number, candidate: string): PlanSummary => ({
  id,
  candidate,
  level: 'director',
  roleTitle: 'Director, Product Security',
  status: 'decided',
  startsAt: '2026-10-01T09:30:00Z',
  panelistCount: 4,
  mode: 'lead',
  submittedCount: 4,
  decided: true,
});

describe('Finalists side by side', () => {
  it('compares the plans chosen, raw and adjusted, and asks the core for exactly those', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'list_plans') return { plans: [plan(1, 'Sipho Ndlovu'), plan(2, 'Marta Kowalczyk')], matching: 2, total: 2 };
      if (cmd === 'compare_plans') {
        asked.push(args);
        return COMPARISON;
      }
      throw new Error(cmd);
    });
    render(FinalistsPanel);
    const picks = await screen.findAllByTestId('finalist-pick');
    expect((screen.getByTestId('compare-finalists') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(picks[0]);
    await fireEvent.click(picks[1]);
    await fireEvent.click(screen.getByTestId('compare-finalists'));
    const table = await screen.findByTestId('comparison-table');
    expect(asked).toEqual([{ planIds: [1, 2] }]);
    expect(table.textContent).toContain('Sipho Ndlovu');
    expect(table.textContent).toContain('adj.');
    expect(screen.getAllByTestId('comparison-decision').map((d) => d.textContent)).toEqual(['No hire', 'Hold']);
    expect(screen.getByTestId('comparison-summary').textContent).toContain('18 questions every panel asked');
  });

  it('says why a sealed plan cannot be compared', async () => {
    mockIPC((cmd) => {
      if (cmd === 'list_plans') return { plans: [plan(1, 'Sipho Ndlovu'), plan(19, 'Amina Yusuf')], matching: 2, total: 2 };
      if (cmd === 'compare_plans') throw { code: 'sealed', message: "Amina Yusuf's scores are sealed until every panelist has submitted, so the plan cannot be compared yet" };
      throw new Error(cmd);
    });
    render(FinalistsPanel);
    const picks = await screen.findAllByTestId('finalist-pick');
    await fireEvent.click(picks[0]);
    await fireEvent.click(picks[1]);
    await fireEvent.click(screen.getByTestId('compare-finalists'));
    await vi.waitFor(() => expect(screen.getByTestId('finalists-error').textContent).toContain('sealed'));
    expect(screen.queryByTestId('comparison-table')).toBeNull();
  });
});
