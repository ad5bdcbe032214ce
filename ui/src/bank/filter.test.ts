import { describe, expect, it } from 'vitest';
import { filterQuestions } from './filter';
import { QUESTIONS as BANK } from '../test-fixtures';

describe('filterQuestions', () => {
  it('matches question text, rubric points and the question number', () => {
    expect(filterQuestions(BANK, 'SECURE ENOUGH', null).map((q) => q.number)).toEqual([12]);
    expect(filterQuestions(BANK, 'point b of 2', null).map((q) => q.number)).toEqual([2]);
    expect(filterQuestions(BANK, '12', null).map((q) => q.number)).toEqual([12]);
  });

  it('combines search and capability', () => {
    expect(filterQuestions(BANK, '', 'alignment').map((q) => q.number)).toEqual([1, 12]);
    expect(filterQuestions(BANK, 'board', 'investment')).toEqual([]);
  });
});
