import { describe, expect, it } from 'vitest';
import { linesToList, packKey, packLabel, planNumbers, refByKey, toSelection, withKept } from './packs';
import type { Question } from '../ipc';

const q = (number: number): Question => ({
  number,
  text: `Question ${number}`,
  strongAnswer: [],
  weakSignals: [],
  interviewerNotes: [],
  capabilities: ['risk'],
  capabilityRationale: '',
  minutes: 8,
});

describe('choosing a plan’s questions', () => {
  it('sends “all” as no numbers and a subset sorted', () => {
    const p1 = { id: 'p', version: 1 };
    expect(toSelection(p1, true, [3, 1], []).numbers).toBeNull();
    expect(toSelection(p1, false, [3, 1], []).numbers).toEqual([1, 3]);
    const acme2 = { id: 'acme', version: 2 };
    const borrowed = [{ pack: acme2, packTitle: 'Acme', number: 19, text: 'x' }];
    expect(toSelection(p1, true, [], borrowed).borrowed).toEqual([{ pack: acme2, number: 19 }]);
  });

  it('keys a pack version for a list and finds it again by looking it up, not by parsing', () => {
    const packs = [{ id: 'acme@odd', version: 2 }, { id: 'p', version: 1 }];
    expect(refByKey(packs, packKey(packs[0]))).toEqual({ id: 'acme@odd', version: 2 });
    expect(refByKey(packs, 'p@9')).toBeNull();
  });

  it('numbers borrowed questions after the pack’s last question, as the core does', () => {
    const pack = [q(1), q(2), q(3)];
    expect(planNumbers(pack, false, new Set([1, 3]), 2)).toEqual([1, 3, 4, 5]);
    expect(planNumbers(pack, true, new Set(), 0)).toEqual([1, 2, 3]);
  });

  it('labels packs with their version and origin', () => {
    expect(packLabel({ title: 'Acme', version: 2, builtin: false, editable: true })).toBe('Acme · v2');
    expect(packLabel({ title: 'Pack', version: 1, builtin: true, editable: false })).toBe('Pack · v1 (built-in)');
  });

  it('turns lines into points, dropping blank ones', () => {
    expect(linesToList(' one \n\n two\n  ')).toEqual(['one', 'two']);
  });

  it('lists the pack shown after the loaded rows, once, so the choosers stay in the list’s order', () => {
    const listed = [{ id: 'builtin', version: 1 }, { id: 'acme', version: 1 }];
    const kept = [{ id: 'acme', version: 1 }, { id: 'acme', version: 2 }];
    expect(withKept(listed, kept)).toEqual([...listed, { id: 'acme', version: 2 }]);
    expect(withKept(listed, [])).toEqual(listed);
  });
});
