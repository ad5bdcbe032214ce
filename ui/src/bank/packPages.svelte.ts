// Stored pack versions a page at a time, for the pack choosers (the Question bank's and the
// plan's question picker). The list grows with every pack made, imported or received and every
// saved version, so it is ordered and paged in SQL (panel_core::bank::packfile::list_page), and
// the pack on screen stays listed, with all its versions, however far down the list it sorts.
import { api, type PackSummary } from '../ipc';
import { withKept } from './packs';

/** Versions asked for at a time. */
export const PAGE = 50;

export class PackPages {
  /** The beginning of the list, loaded a page at a time, in its order. */
  #listed = $state<PackSummary[]>([]);
  /** The versions of the kept pack (see `load`), listed even when not loaded yet. */
  #kept = $state<PackSummary[]>([]);
  /** How many versions the list holds in all. */
  matching = $state(0);
  loadingMore = $state(false);
  /** The choosers' options: the loaded rows, then the kept versions they do not hold. */
  readonly packs = $derived(withKept(this.#listed, this.#kept));
  /** Versions not loaded yet (Show more). */
  readonly remaining = $derived(Math.max(0, this.matching - this.#listed.length));
  /** Only versions with questions: what a plan can be built on or borrow from. */
  readonly #withQuestions: boolean;
  /** Which load's answer the list shows: a late answer to an earlier one is dropped. */
  #asked = 0;

  constructor(withQuestions = false) {
    this.#withQuestions = withQuestions;
  }

  /**
   * Loads the list again, as many rows as were shown (at least a page), with every version of
   * pack `keep` (an id) listed: the one on screen, however far down it sorts. Its versions are
   * asked for only when the rows loaded are not the whole list.
   */
  async load(keep: string | null): Promise<void> {
    const request = ++this.#asked;
    const withQuestions = this.#withQuestions;
    const limit = Math.max(PAGE, this.#listed.length);
    const page = await api.listPacks({ withQuestions, offset: 0, limit });
    const whole = page.packs.length >= page.matching;
    const versions = keep === null || whole ? null : await api.listPacks({ withQuestions, pack: keep });
    if (request !== this.#asked) return;
    this.#listed = page.packs;
    this.matching = page.matching;
    this.#kept = versions?.packs ?? [];
  }

  /** The next page (Show more). */
  async more(): Promise<void> {
    const listed = this.#listed;
    if (this.loadingMore || listed.length >= this.matching) return;
    this.loadingMore = true;
    const request = this.#asked;
    try {
      const page = await api.listPacks({ withQuestions: this.#withQuestions, offset: listed.length, limit: PAGE });
      if (request !== this.#asked) return;
      this.#listed = [...listed, ...page.packs];
      this.matching = page.matching;
    } finally {
      this.loadingMore = false;
    }
  }
}
