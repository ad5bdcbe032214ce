import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, MAX_WAIT_MS, QUIET_MS } from './autosave.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Autosaver', () => {
  it('saves 500 ms after the last keystroke, with the latest text', async () => {
    const saved: string[] = [];
    const a = new Autosaver();
    for (const text of ['n', 'no', 'not']) {
      a.change('q1', async () => void saved.push(text));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(saved).toEqual([]);
    expect(a.state).toBe('saving');
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(saved).toEqual(['not']);
    expect(a.state).toBe('saved');
  });

  it('saves at least every 2 s while typing never pauses', async () => {
    const saved: number[] = [];
    const a = new Autosaver();
    for (let i = 0; i < 60; i++) {
      const n = i;
      a.change('q1', async () => void saved.push(n));
      await vi.advanceTimersByTimeAsync(100); // a keystroke every 100 ms, never a 500 ms pause
    }
    expect(saved.length).toBeGreaterThanOrEqual(Math.floor((60 * 100) / MAX_WAIT_MS) - 1);
  });

  it('flush writes everything pending at once; a failed save is kept and retried', async () => {
    const a = new Autosaver();
    const save = vi.fn().mockRejectedValueOnce(new Error('disk full')).mockResolvedValue(undefined);
    a.change('q2', save);
    await a.flush();
    expect(save).toHaveBeenCalledTimes(1);
    expect(a.state).toBe('error');
    expect(a.error).toBe('disk full');
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS);
    expect(save).toHaveBeenCalledTimes(2);
    expect(a.state).toBe('saved');
  });
});
