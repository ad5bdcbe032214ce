import { describe, expect, it, vi } from 'vitest';
import { flushBeforeClose, flushEverything } from './closing';

describe('flushing before the window closes', () => {
  it('waits for every registered flush, and forgets unregistered ones', async () => {
    const done: string[] = [];
    const offA = flushBeforeClose(async () => {
      await new Promise((r) => setTimeout(r, 20));
      done.push('notes');
    });
    const offB = flushBeforeClose(async () => {
      done.push('gone');
    });
    offB();
    expect(await flushEverything()).toBe(true);
    expect(done).toEqual(['notes']);
    offA();
  });

  it('a failing flush does not stop the others', async () => {
    const done: string[] = [];
    const offA = flushBeforeClose(() => Promise.reject(new Error('disk full')));
    const offB = flushBeforeClose(async () => {
      done.push('summary');
    });
    expect(await flushEverything()).toBe(false);
    expect(done).toEqual(['summary']);
    offA();
    offB();
  });

  it('gives up after the grace period so the window can always close', async () => {
    vi.useFakeTimers();
    const off = flushBeforeClose(() => new Promise(() => {}));
    const closing = flushEverything(1000);
    let closed = false;
    void closing.then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(closed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(closed).toBe(true);
    off();
    vi.useRealTimers();
  });
});
