import { describe, expect, it } from 'vitest';
import { filterPlans, NO_FILTER, orderPlans } from './filter';
import type { PlanSummary } from '../ipc';

const plan = (id: number, over: Partial<PlanSummary>): PlanSummary => ({
  id,
  candidate: `C${id}`,
  level: 'vp',
  roleTitle: '',
  status: 'draft',
  startsAt: null,
  panelistCount: 0,
  mode: 'lead',
  submittedCount: 0,
  decided: false,
  ...over,
});

const PLANS = [
  plan(1, { candidate: 'Zoë Łukasiewicz', startsAt: '2026-12-01T09:00:00Z' }),
  plan(2, { candidate: 'Amara Okafor', level: 'director', status: 'scheduled',
            startsAt: '2026-01-01T09:00:00Z' }),
  plan(3, { candidate: 'Ben', status: 'withdrawn' }),
];
const NOW = new Date('2026-11-27T00:00:00Z');

describe('filterPlans', () => {
  it('finds candidates without accents or case', () => {
    expect(filterPlans(PLANS, { ...NO_FILTER, search: 'zoe' }, NOW).map((p) => p.id)).toEqual([1]);
  });
  it('filters by status, level and date', () => {
    expect(filterPlans(PLANS, { ...NO_FILTER, status: 'scheduled' }, NOW).map((p) => p.id)).toEqual([2]);
    expect(filterPlans(PLANS, { ...NO_FILTER, level: 'vp' }, NOW).map((p) => p.id)).toEqual([1, 3]);
    expect(filterPlans(PLANS, { ...NO_FILTER, when: 'upcoming' }, NOW).map((p) => p.id)).toEqual([1]);
    expect(filterPlans(PLANS, { ...NO_FILTER, when: 'past' }, NOW).map((p) => p.id)).toEqual([2]);
    expect(filterPlans(PLANS, { ...NO_FILTER, when: 'unscheduled' }, NOW).map((p) => p.id)).toEqual([3]);
  });
});

describe('orderPlans', () => {
  it('puts upcoming interviews first, then unscheduled plans, then past ones most recent first', () => {
    const plans = [
      plan(1, { startsAt: '2025-03-01T09:00:00Z' }),
      plan(2, { startsAt: '2026-12-20T09:00:00Z' }),
      plan(3, {}),
      plan(4, { startsAt: '2026-11-01T09:00:00Z' }),
      plan(5, { startsAt: '2026-11-28T09:00:00Z' }),
    ];
    expect(orderPlans(plans, NOW).map((p) => p.id)).toEqual([5, 2, 3, 4, 1]);
  });
});
