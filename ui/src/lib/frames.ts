// Start-up work the first screen does not need waits until that screen is painted.

/**
 * How long work waits for a frame that does not come: a window started minimised or hidden
 * paints none (the webview pauses its frames), and the work must still run.
 */
export const NO_FRAME_AFTER_MS = 1000;

/**
 * Runs `work` once the next frame is painted and the tasks that frame's callbacks queued have
 * run (when that frame is the Plans list's first, its first-screen report is one of them), so a
 * round trip to the shell started here stays off the path to the screen being drawn. If no
 * frame is painted within `NO_FRAME_AFTER_MS` (a hidden window), it runs then. Runs once.
 */
export function afterNextFrame(work: () => void): void {
  // A task queued from a frame callback runs after that frame is painted; queuing `work` from
  // a second task puts it behind every task the frame's callbacks queued.
  onceWithin(
    NO_FRAME_AFTER_MS,
    (done) => {
      requestAnimationFrame(() => setTimeout(() => setTimeout(done)));
    },
    work,
  );
}

/**
 * Calls `then` once, at the first of: `ready` calling its `done`, or `atMostMs` passing (a wait
 * that cannot be set up ends at once). `ready` may return what stops it waiting, called either way.
 */
export function onceWithin(
  atMostMs: number,
  ready: (done: () => void) => (() => void) | void,
  then: () => void,
): void {
  let called = false;
  let stop: (() => void) | void;
  const call = () => {
    if (called) return;
    called = true;
    clearTimeout(fallback);
    stop?.();
    then();
  };
  const fallback = setTimeout(call, atMostMs);
  try {
    stop = ready(call);
    if (called) stop?.();
  } catch (e) {
    console.warn('not waiting: the wait could not be set up', e);
    call();
  }
}

/**
 * Calls `then` once the webview reports the page's first contentful paint (already painted
 * counts), or after `atMostMs` if it never does. A task, not a frame callback: the frame after
 * the first one can come much later (BENCHMARKS.md, start-up).
 */
export function afterFirstPaint(atMostMs: number, then: () => void): void {
  onceWithin(
    atMostMs,
    (done) => {
      const observer = new PerformanceObserver((entries) => {
        if (entries.getEntriesByName('first-contentful-paint').length > 0) done();
      });
      observer.observe({ type: 'paint', buffered: true });
      return () => observer.disconnect();
    },
    then,
  );
}
