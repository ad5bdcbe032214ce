// Sample data for UI tests, shaped exactly like the core's BankQuestion.
import type { BankPack, BankQuestion, PlanDetail } from './ipc';

export function question(number: number, overrides: Partial<BankQuestion> = {}): BankQuestion {
  return {
    id: 100 + number,
    packId: 'product-security-leadership',
    packVersion: 1,
    number,
    text: `Question ${number}?`,
    strongAnswer: [`Point A of ${number}.`, `Point B of ${number}.`],
    weakSignals: [],
    interviewerNotes: [],
    capabilities: ['program'],
    capabilityRationale: 'Because.',
    minutes: 8,
    ...overrides,
  };
}

export const QUESTIONS: BankQuestion[] = [
  question(1, {
    text: 'What should a Product Security program actually own versus influence?',
    weakSignals: ['A weak answer claims ownership of everything.'],
    capabilities: ['program', 'alignment'],
  }),
  question(2, { capabilities: ['investment'], minutes: 10 }),
  question(12, {
    text: 'How would you respond if a board member asks whether the company is “secure enough”?',
    capabilities: ['risk', 'alignment'],
    interviewerNotes: ['Listen for evidence.'],
    minutes: 9,
  }),
];

export const BANK: BankPack = {
  id: 'product-security-leadership',
  version: 1,
  title: 'Product Security Director / VP / Principal Interview Pack (2026)',
  questions: QUESTIONS,
};

/** A plan as the core returns it, empty unless overridden. */
export function planDetail(overrides: Partial<PlanDetail> = {}): PlanDetail {
  return {
    id: 7,
    candidate: 'Zoë',
    email: null,
    level: 'vp',
    roleTitle: '',
    status: 'draft',
    nextStatuses: ['scheduled', 'withdrawn'],
    archived: false,
    startsAt: null,
    panelLead: '',
    recruiter: '',
    notes: '',
    coverage: 1,
    packId: 'product-security-leadership',
    packVersion: 1,
    panelists: [],
    assignments: [],
    warnings: [],
    mode: 'lead',
    exchange: [],
    heldKit: null,
    ...overrides,
  };
}
