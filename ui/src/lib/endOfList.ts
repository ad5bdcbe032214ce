// Long lists draw one page and the next when their end scrolls into view (the Plans list, the
// Calibration screen's interviewers): a Svelte action on the "Show more" line.

/** Calls `more` whenever `node` (the line after the list) scrolls into view. */
export function loadsMoreAtTheEnd(node: HTMLElement, more: () => void) {
  if (typeof IntersectionObserver === 'undefined') return;
  let next = more;
  const watcher = new IntersectionObserver((seen) => {
    if (seen.some((e) => e.isIntersecting)) next();
  });
  watcher.observe(node);
  return {
    update: (fresh: () => void) => (next = fresh),
    destroy: () => watcher.disconnect(),
  };
}
