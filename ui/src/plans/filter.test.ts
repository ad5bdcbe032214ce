import { describe, expect, it } from 'vitest';
import { NO_FILTER, PAGE, toQuery } from './filter';

describe('toQuery', () => {
  it('asks for the first page of everything by default', () => {
    expect(toQuery(NO_FILTER)).toEqual({
      search: '', status: null, level: null, when: 'any', offset: 0, limit: PAGE,
    });
  });

  it('passes the search and the chosen filters, and the rows already shown', () => {
    expect(toQuery({ search: 'zoë', status: 'debrief', level: 'vp', when: 'upcoming' }, 50)).toEqual({
      search: 'zoë', status: 'debrief', level: 'vp', when: 'upcoming', offset: 50, limit: PAGE,
    });
  });
});
