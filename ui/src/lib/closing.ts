// Work that must reach the disk before the window closes. Screens with unsaved state register
// a flush here; when the user closes the window, the shell waits for every flush (or gives up
// after CLOSE_GRACE_MS so a hung save can never trap the user in the app) and then closes.

export const CLOSE_GRACE_MS = 4000;

/** Saves what is pending; resolves to false when something could not be saved. */
type Flush = () => Promise<boolean | void>;

const flushes = new Set<Flush>();

/** Registers `flush` to run before the window closes; returns the function that unregisters it. */
export function flushBeforeClose(flush: Flush): () => void {
  flushes.add(flush);
  return () => flushes.delete(flush);
}

/**
 * Saves everything pending before the user leaves the screen for another (the sidebar, Ctrl+1–3,
 * a file opened from elsewhere): resolves to false, and the user stays with their text, when
 * something could not be saved.
 */
export function savedBeforeLeaving(): Promise<boolean> {
  return flushEverything();
}

/**
 * Runs every registered flush; resolves to true when all of them saved, false when one failed
 * or did not finish within `graceMs`.
 */
export async function flushEverything(graceMs = CLOSE_GRACE_MS): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const giveUp = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
  const all = Promise.allSettled([...flushes].map((flush) => flush())).then((results) =>
    results.every((r) => r.status === 'fulfilled' && r.value !== false),
  );
  const saved = await Promise.race([all, giveUp]);
  clearTimeout(timer);
  return saved;
}
