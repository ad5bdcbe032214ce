// Autosave: every change reaches SQLite within 500 ms of the last keystroke, at least every 2 s
// while typing continues, and at once when asked (blur, question change, leaving the screen).
// Saves for one key never overlap: the latest state wins, and nothing acknowledged is lost.

export const QUIET_MS = 500;
export const MAX_WAIT_MS = 2000;

type Save = () => Promise<unknown>;

interface Pending {
  save: Save;
  firstChange: number;
  timer: ReturnType<typeof setTimeout>;
}

export class Autosaver {
  /** 'saved' once everything typed is on disk; 'saving' while anything is pending. */
  state = $state<'saved' | 'saving' | 'error'>('saved');
  error = $state<string | null>(null);

  #pending = new Map<string, Pending>();
  #inFlight = new Map<string, Promise<void>>();
  #now: () => number;

  constructor(now: () => number = () => Date.now()) {
    this.#now = now;
  }

  /** Records that `key` changed; `save` writes its latest state. */
  change(key: string, save: Save) {
    const existing = this.#pending.get(key);
    const firstChange = existing?.firstChange ?? this.#now();
    if (existing) clearTimeout(existing.timer);
    const wait = Math.max(0, Math.min(QUIET_MS, firstChange + MAX_WAIT_MS - this.#now()));
    const timer = setTimeout(() => void this.#run(key), wait);
    this.#pending.set(key, { save, firstChange, timer });
    this.state = 'saving';
  }

  /** Saves everything pending now; resolves to true once it is on disk, false if a save failed. */
  async flush(): Promise<boolean> {
    await Promise.all([...this.#pending.keys()].map((key) => this.#run(key)));
    await Promise.all([...this.#inFlight.values()]);
    return this.#pending.size === 0 && this.error === null;
  }

  async #run(key: string): Promise<void> {
    const before = this.#inFlight.get(key);
    if (before) await before; // one save per key at a time, in order
    const pending = this.#pending.get(key);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.#pending.delete(key);
    const run = pending
      .save()
      .then(() => {
        this.error = null;
      })
      .catch((e: Error) => {
        this.error = e.message;
        this.state = 'error';
        // Keep the unsaved state and try again, unless something newer already replaced it.
        if (!this.#pending.has(key)) {
          const timer = setTimeout(() => void this.#run(key), MAX_WAIT_MS);
          this.#pending.set(key, { save: pending.save, firstChange: this.#now(), timer });
        }
      })
      .finally(() => {
        this.#inFlight.delete(key);
        if (this.error !== null) return;
        const idle = this.#pending.size === 0 && this.#inFlight.size === 0;
        this.state = idle ? 'saved' : 'saving';
      });
    this.#inFlight.set(key, run);
    await run;
  }
}
