import { describe, expect, it } from 'vitest';
import { afterNextFrame } from './frames';

const settle = () => new Promise((done) => setTimeout(done, 100));

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

  it('does nothing once cancelled', async () => {
    let ran = false;
    const cancel = afterNextFrame(() => (ran = true));
    cancel();
    await settle();
    expect(ran).toBe(false);
  });
});
