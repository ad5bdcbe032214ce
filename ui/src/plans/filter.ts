// What the Plans list asks the core for: the search box and the filters as a query, a page at a
// time. Searching, filtering and ordering happen in SQL (panel_core::plans::list_page), so the
// list costs the same at fifty plans or fifty thousand.
import { PLANS_PAGE_ROWS, type Level, type PlanQuery, type PlanStatus } from '../ipc';

export type When = 'any' | 'upcoming' | 'past' | 'unscheduled';

export interface PlanFilter {
  search: string;
  status: PlanStatus | 'any';
  level: Level | 'any';
  when: When;
}

export const NO_FILTER: PlanFilter = { search: '', status: 'any', level: 'any', when: 'any' };

/** Rows asked for at a time: a page is what the window shows and a little more (the shell's number). */
export const PAGE: number = PLANS_PAGE_ROWS;

/** The query for the rows after the first `offset` matches of `filter`. */
export function toQuery(filter: PlanFilter, offset = 0, limit = PAGE): PlanQuery {
  return {
    search: filter.search,
    status: filter.status === 'any' ? null : filter.status,
    level: filter.level === 'any' ? null : filter.level,
    when: filter.when,
    offset,
    limit,
  };
}
