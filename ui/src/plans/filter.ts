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

export function filterPlans(plans: PlanSummary[], f: PlanFilter, now = new Date()): PlanSummary[] {
  const needle = fold(f.search.trim());
  return plans.filter((p) => {
    if (needle && !fold(`${p.candidate} ${p.roleTitle}`).includes(needle)) return false;
    if (f.status !== 'any' && p.status !== f.status) return false;
    if (f.level !== 'any' && p.level !== f.level) return false;
    if (f.when === 'unscheduled') return p.startsAt === null;
    if (f.when === 'any') return true;
    if (p.startsAt === null) return false;
    const upcoming = new Date(p.startsAt).getTime() >= now.getTime();
    return f.when === 'upcoming' ? upcoming : !upcoming;
  });
}
