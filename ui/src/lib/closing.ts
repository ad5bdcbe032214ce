// Work that must reach the disk before the window closes. Screens with unsaved state register
// a flush here; when the user closes the window, the shell waits for every flush (or gives up
// after CLOSE_GRACE_MS so a hung save can never trap the user in the app) and then closes.

export const CLOSE_GRACE_MS = 4000;

type Flush = () => Promise<void>;

const flushes = new Set<Flush>();

/** Registers `flush` to run before the window closes; returns the function that unregisters it. */
export function flushBeforeClose(flush: Flush): () => void {
  flushes.add(flush);
  return () => flushes.delete(flush);
}

/** Runs every registered flush; resolves when all settled or after `graceMs`. */
export async function flushEverything(graceMs = CLOSE_GRACE_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const giveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
  const all = Promise.allSettled([...flushes].map((flush) => flush())).then(() => undefined);
  await Promise.race([all, giveUp]);
  clearTimeout(timer);
}
