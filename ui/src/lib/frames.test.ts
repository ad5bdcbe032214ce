import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterNextFrame, NO_FRAME_AFTER_MS } from './frames';

const settle = () => new Promise((done) => setTimeout(done, 100));

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('afterNextFrame', () => {
  it('runs the work after the tasks the next frame queued, not before the frame', async () => {
    const order: string[] = [];
    afterNextFrame(() => order.push('work'));
    // What the Plans screen does when its rows arrive: report from a task the frame queues.
    requestAnimationFrame(() => setTimeout(() => order.push('first screen reported')));
    expect(order).toEqual([]);
    await settle();
    expect(order).toEqual(['first screen reported', 'work']);
  });

  it('runs the work once, after a frame or, in a window that paints none, after a while', async () => {
    let runs = 0;
    afterNextFrame(() => (runs += 1));
    await new Promise((done) => setTimeout(done, NO_FRAME_AFTER_MS + 100));
    expect(runs).toBe(1);
    // A hidden window: no frame callback ever runs.
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', () => 0);
    afterNextFrame(() => (runs += 1));
    vi.advanceTimersByTime(NO_FRAME_AFTER_MS - 1);
    expect(runs).toBe(1);
    vi.advanceTimersByTime(1);
    expect(runs).toBe(2);
  });
});
