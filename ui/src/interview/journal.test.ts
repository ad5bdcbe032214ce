import { describe, expect, it } from 'vitest';
import { DraftKeeper } from './journal.svelte';

describe('DraftKeeper', () => {
  it('writes the first change at once and coalesces the ones made during it into one latest write', async () => {
    const written: string[] = [];
    let release: () => void = () => {};
    const keeper = new DraftKeeper();
    const write = (text: string) => () => {
      written.push(text);
      return text === 'S' ? new Promise<void>((r) => (release = r)) : Promise.resolve();
    };
    keeper.keep('q1', write('S'));
    expect(written).toEqual(['S']);
    keeper.keep('q1', write('Sh'));
    keeper.keep('q1', write('She'));
    release();
    await keeper.settled();
    expect(written).toEqual(['S', 'She']);
  });

  it('keeps writing after a failure and reports it', async () => {
    const keeper = new DraftKeeper();
    const written: string[] = [];
    keeper.keep('q1', () => Promise.reject(new Error('no journal folder')));
    await keeper.settled();
    expect(keeper.error).toBe('no journal folder');
    keeper.keep('q1', () => {
      written.push('again');
      return Promise.resolve();
    });
    await keeper.settled();
    expect(written).toEqual(['again']);
    expect(keeper.error).toBeNull();
  });
});
