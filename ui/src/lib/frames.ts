// Start-up work the first screen does not need waits until that screen is painted.

/**
 * Runs `work` once the next frame is painted and the tasks that frame's callbacks queued have
 * run (when that frame is the Plans list's first, its first-screen report is one of them), so a
 * round trip to the shell started here stays off the path to the screen being drawn. Returns a
 * function that cancels `work` if it has not run yet.
 */
export function afterNextFrame(work: () => void): () => void {
  let cancelled = false;
  // A task queued from a frame callback runs after that frame is painted; queuing `work` from
  // a second task puts it behind every task the frame's callbacks queued.
  requestAnimationFrame(() =>
    setTimeout(() =>
      setTimeout(() => {
        if (!cancelled) work();
      }),
    ),
  );
  return () => {
    cancelled = true;
  };
}
