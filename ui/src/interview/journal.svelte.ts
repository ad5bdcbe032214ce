// The draft journal's writer: every change in interview mode goes to the journal at once (the
// autosave waits for a pause; the journal does not), so the app killed right after a keystroke
// still has it. One write per part of the scorecard is in flight at a time; changes made while
// it runs are coalesced into the next write, which always carries the latest text.

import type { TypedDraft } from '../ipc';

type Write = () => Promise<unknown>;

/** The question a draft belongs to, or null for the recommendation and summary. */
export function questionOf(draft: TypedDraft): number | null {
  return draft.kind === 'answer' ? draft.answer.questionNumber : null;
}

export class DraftKeeper {
  /** Why the last write failed (the journal's folder unusable), or null; shown on screen. */
  error = $state<string | null>(null);

  #running = new Map<string, Promise<void>>();
  #next = new Map<string, Write>();

  /** Keeps the latest state of `key`; `write` stores it. */
  keep(key: string, write: Write) {
    this.#next.set(key, write);
    if (!this.#running.has(key)) this.#drain(key);
  }

  /** Resolves once every change kept so far has been written (or failed). */
  async settled(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running.values()]);
  }

  #drain(key: string) {
    const write = this.#next.get(key);
    if (!write) return;
    this.#next.delete(key);
    const run = write()
      .then(() => {
        this.error = null;
      })
      .catch((e: Error) => {
        // The autosave still runs; the journal is the second line of defence.
        this.error = e.message;
        console.warn(`unsaved text could not be kept in the draft journal: ${e.message}`);
      })
      .finally(() => {
        this.#running.delete(key);
        this.#drain(key);
      });
    this.#running.set(key, run);
  }
}
