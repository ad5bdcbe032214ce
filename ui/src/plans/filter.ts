// Which plans the Plans list shows for the search box and the filters.
import type { Level, PlanStatus, PlanSummary } from '../ipc';

export type When = 'any' | 'upcoming' | 'past' | 'unscheduled';

export interface PlanFilter {
  search: string;
  status: PlanStatus | 'any';
  level: Level | 'any';
  when: When;
}

export const NO_FILTER: PlanFilter = { search: '', status: 'any', level: 'any', when: 'any' };

/** Accent- and case-insensitive, so "zoe" finds "Zoë". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** Folded search text per plan, made once per loaded list rather than on every keystroke. */
const searchText = new WeakMap<PlanSummary, string>();

function searchable(p: PlanSummary): string {
  let text = searchText.get(p);
  if (text === undefined) {
    text = fold(`${p.candidate} ${p.roleTitle}`);
    searchText.set(p, text);
  }
  return text;
}

/**
 * The order the list shows: upcoming interviews soonest first, then plans without a date (being
 * planned), then past ones most recent first, so what a recruiter needs now is at the top
 * however many plans the computer holds.
 */
export function orderPlans(plans: PlanSummary[], now = new Date()): PlanSummary[] {
  const at = now.getTime();
  const group = (p: PlanSummary) =>
    p.startsAt === null ? 1 : new Date(p.startsAt).getTime() >= at ? 0 : 2;
  const time = (p: PlanSummary) => (p.startsAt === null ? 0 : new Date(p.startsAt).getTime());
  return plans
    .map((p) => ({ p, g: group(p), t: time(p) }))
    .sort((a, b) => a.g - b.g || (a.g === 2 ? b.t - a.t : a.t - b.t) || a.p.id - b.p.id)
    .map(({ p }) => p);
}

export function filterPlans(plans: PlanSummary[], f: PlanFilter, now = new Date()): PlanSummary[] {
  const needle = fold(f.search.trim());
  return plans.filter((p) => {
    if (needle && !searchable(p).includes(needle)) return false;
    if (f.status !== 'any' && p.status !== f.status) return false;
    if (f.level !== 'any' && p.level !== f.level) return false;
    if (f.when === 'unscheduled') return p.startsAt === null;
    if (f.when === 'any') return true;
    if (p.startsAt === null) return false;
    const upcoming = new Date(p.startsAt).getTime() >= now.getTime();
    return f.when === 'upcoming' ? upcoming : !upcoming;
  });
}
