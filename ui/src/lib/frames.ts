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
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    work();
  };
  const fallback = setTimeout(once, NO_FRAME_AFTER_MS);
  // A task queued from a frame callback runs after that frame is painted; queuing `work` from
  // a second task puts it behind every task the frame's callbacks queued.
  requestAnimationFrame(() => setTimeout(() => setTimeout(once)));
}
