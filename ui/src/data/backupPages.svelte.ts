// The backups list a page at a time. Backups made by hand are never rotated away, so the folder
// only grows: the Data screen and the recovery screen ask the core for the newest page
// (panel_core::backup::list_page reads the names and sizes only that page) and the next one on
// request.
import { api, type BackupInfo } from '../ipc';

/** Backups asked for at a time: more than the screen shows at once. */
export const PAGE = 50;

export class BackupPages {
  /** The backups shown so far, newest first; null until the first page arrives. */
  backups = $state<BackupInfo[] | null>(null);
  /** How many backups there are in all (restorable ones only, for the recovery screen). */
  total = $state(0);
  loadingMore = $state(false);
  /** Leave out damaged files moved aside: what a restore can use. */
  readonly #restorable: boolean;
  /** Which load's answer the list shows: a late answer to an earlier one is dropped. */
  #asked = 0;

  constructor(restorable = false) {
    this.#restorable = restorable;
  }

  /** Loads the list again from the newest, keeping as many rows as were shown (at least a
   *  page): after a backup or a restore the list is current without folding back. */
  async load(): Promise<void> {
    const request = ++this.#asked;
    const limit = Math.max(PAGE, this.backups?.length ?? 0);
    const page = await api.listBackups({ restorable: this.#restorable, offset: 0, limit });
    if (request !== this.#asked) return;
    this.backups = page.backups;
    this.total = page.total;
  }

  /** The next page (Show more, or the end of the list scrolled into view). */
  async more(): Promise<void> {
    const shown = this.backups;
    if (!shown || this.loadingMore || shown.length >= this.total) return;
    this.loadingMore = true;
    const request = this.#asked;
    try {
      const page = await api.listBackups({ restorable: this.#restorable, offset: shown.length, limit: PAGE });
      if (request !== this.#asked) return;
      this.backups = [...shown, ...page.backups];
      this.total = page.total;
    } finally {
      this.loadingMore = false;
    }
  }
}
