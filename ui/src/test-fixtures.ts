// Sample data for UI tests, shaped exactly like the core's BankQuestion.
import type { BankPack, BankQuestion, PackPage, PackQuery, PackRef, PackSummary, PackView, PlanDetail, PlanSummary, ScorecardConflict } from './ipc';

export function question(number: number, overrides: Partial<BankQuestion> = {}): BankQuestion {
  return {
    id: 100 + number,
    packId: 'product-security-leadership',
    packVersion: 1,
    number,
    packNumber: number,
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

/** The packs `list_packs` returns: the built-in pack and a pack of one's own with two versions. */
export const PACKS: PackSummary[] = [
  { id: BANK.id, version: 1, title: BANK.title, builtin: true, questions: 3, plans: 2, editable: false, newestVersion: 1, origin: 'builtin' },
  { id: 'acme-1a2b3c', version: 1, title: 'Acme security', builtin: false, questions: 2, plans: 1, editable: false, newestVersion: 2, origin: 'local' },
  { id: 'acme-1a2b3c', version: 2, title: 'Acme security', builtin: false, questions: 2, plans: 0, editable: true, newestVersion: 2, origin: 'local' },
];

/** `list_packs` for `query`: the page of `packs` (in the list's order) the core would send. */
export function packPage(query: PackQuery = {}, packs: PackSummary[] = PACKS): PackPage {
  const matches = packs.filter(
    (p) => (!query.withQuestions || p.questions > 0) && (query.pack == null || p.id === query.pack),
  );
  const offset = query.offset ?? 0;
  const end = query.limit == null ? undefined : offset + query.limit;
  return { packs: matches.slice(offset, end), matching: matches.length };
}

/** `get_pack` for a pack version: the built-in pack, or Acme (version 1 or 2). */
export function packView({ id, version }: PackRef): PackView {
  if (id === BANK.id) {
    return { id, version: 1, versions: [1], title: BANK.title, builtin: true, editable: false, plans: 2,
             origin: 'builtin', shared: false, questions: QUESTIONS, levelGuidance: {} };
  }
  return {
    id, version, versions: [1, 2], title: 'Acme security', builtin: false, editable: version === 2,
    plans: version === 1 ? 1 : 0, origin: 'local', shared: false, levelGuidance: { vp: 'Board-level framing.' },
    questions: [
      { ...QUESTIONS[0], number: 1 },
      { ...QUESTIONS[1], number: 2, text: version === 2 ? 'Reworded question two?' : 'Question 2?' },
    ],
  };
}

/** Answers the pack commands the way the core would; anything else falls through to `other`. */
export function packCommands(cmd: string, args: unknown, other: (cmd: string, args: unknown) => unknown = (c) => {
  throw new Error(`unexpected command ${c}`);
}): unknown {
  if (cmd === 'list_packs') return packPage((args as { query: PackQuery }).query);
  if (cmd === 'get_pack') return packView((args as { pack: PackRef }).pack);
  return other(cmd, args);
}

/** A row of the Plans list as the core returns it: a VP plan of four panelists, none submitted. */
export function planSummary(overrides: Partial<PlanSummary> = {}): PlanSummary {
  return {
    id: 1,
    candidate: 'Leila Moreno',
    level: 'vp',
    roleTitle: 'VP, Product Security',
    status: 'scheduled',
    startsAt: null,
    panelistCount: 4,
    mode: 'lead',
    submittedCount: 0,
    decided: false,
    ...overrides,
  };
}

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
    createdAt: '2026-11-20T09:00:00Z',
    recruiter: '',
    notes: '',
    coverage: 1,
    packId: 'product-security-leadership',
    packVersion: 1,
    packTitle: 'Product Security Director / VP / Principal Interview Pack (2026)',
    newerPackVersion: null,
    packSize: 18,
    levelGuidance: null,
    questions: QUESTIONS,
    panelists: [],
    assignments: [],
    warnings: [],
    mode: 'lead',
    exchange: [],
    heldKit: null,
    ...overrides,
  };
}

/** How a returned scorecard compares with one recorded on the lead's computer (facts only). */
export function scorecardConflict(overrides: Partial<ScorecardConflict> = {}): ScorecardConflict {
  return {
    panelistId: 2,
    panelistName: 'Tom Becker',
    questions: 6,
    local: { status: 'submitted', submittedAt: '2026-12-03T09:30:00Z', answered: 6 },
    file: {
      status: 'submitted', submittedAt: '2026-12-04T17:00:00Z', answered: 6,
      revision: 2, exportedAt: '2026-12-05T10:00:00Z', amendments: 1,
    },
    differingQuestions: [3, 7],
    recommendationDiffers: true,
    summaryDiffers: false,
    ...overrides,
  };
}
