// Importing kit, scorecard and question pack files, from any screen: the "Import…" button,
// Ctrl+O, a file dropped on the window, or a file the file manager handed to the app. One
// importer lives in the app frame; screens ask it.
import {
  AppError,
  api,
  type ImportResult,
  type LeadKeyChange,
  type PackImported,
  type ScorecardConflict,
} from '../ipc';
import { packImportedMessage } from '../bank/packs';
import { localInstant } from '../lib/format';

/**
 * An import waiting for the user: `replace` when a scorecard would replace one recorded on this
 * computer (the lead confirms), `passphrase` when the file is protected (the user types it),
 * `leadKey` when a kit is signed by another key than the one known for its lead (the panelist
 * compares the fingerprints with the lead and accepts the new key, or does not import).
 */
export type Pending = {
  kind: 'replace' | 'passphrase' | 'leadKey';
  path: string;
  message: string;
  replaceLocal: boolean;
  leadKey?: LeadKeyChange;
  /** With `replace`: how the card recorded here and the one in the file compare. */
  scorecardConflict?: ScorecardConflict;
};

/** One line of the replace question's comparison: what it is, then each side in words. */
export type ComparisonRow = { label: string; local: string; file: string };

/** "3", "3 and 7", "3, 7 and 9". */
function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function status(side: { status: string; submittedAt: string | null }): string {
  if (side.status !== 'submitted') return 'Draft, not submitted';
  return side.submittedAt ? `Submitted ${localInstant(side.submittedAt)}` : 'Submitted';
}

/**
 * The two cards side by side, in words: status, questions answered, the file's revision and
 * amendments. Only facts: the core sends no score, note or recommendation while they are sealed.
 */
export function comparisonRows(c: ScorecardConflict): ComparisonRow[] {
  const answered = (n: number) => `${n} of ${c.questions}`;
  const amendments = c.file.amendments === 0 ? 'None' : String(c.file.amendments);
  return [
    { label: 'Status', local: status(c.local), file: status(c.file) },
    { label: 'Questions answered', local: answered(c.local.answered), file: answered(c.file.answered) },
    {
      label: 'Exported',
      local: '—',
      file: `Revision ${c.file.revision}${c.file.exportedAt ? `, ${localInstant(c.file.exportedAt)}` : ''}`,
    },
    { label: 'Amendments', local: '—', file: amendments },
  ];
}

/**
 * What differs between the two cards, by question number and part, never by value: "Differs
 * in questions 3, 7 and the overall recommendation."
 */
export function conflictDifference(c: ScorecardConflict): string {
  const numbers = c.differingQuestions.map(String);
  const parts: string[] = [];
  if (c.recommendationDiffers) parts.push('the overall recommendation');
  if (c.summaryDiffers) parts.push('the summary');
  if (numbers.length > 0) {
    const which = parts.length > 0 ? numbers.join(', ') : joinAnd(numbers);
    parts.unshift(`${numbers.length === 1 ? 'question' : 'questions'} ${which}`);
  }
  if (parts.length > 0) return `Differs in ${joinAnd(parts)}.`;
  const others: string[] = [];
  if (c.local.status !== c.file.status) others.push('the status');
  else if (c.local.submittedAt !== c.file.submittedAt) others.push('the time of submission');
  return others.length > 0
    ? `The answers, recommendation and summary are the same; only ${joinAnd(others)} differs.`
    : 'The answers, recommendation and summary are the same in both.';
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/**
 * Why a file was not imported. The sentence starts with a word, not the file's name: the banner
 * capitalises its first letter, which would change a name ("gone.hppack").
 */
function notImported(path: string, why: string): string {
  return `Could not import ${baseName(path)}: ${why}`;
}

/** Files the importer takes: kits, scorecards and question packs. */
const IMPORTABLE = /\.(hpkit|hpscore|hppack)$/i;
const PACK = /\.hppack$/i;

export class Importer {
  busy = $state(false);
  message = $state<string | null>(null);
  error = $state<string | null>(null);
  pending = $state<Pending | null>(null);

  /**
   * `onImported` opens what a kit or scorecard changed; `onPack` shows a pack that was imported
   * (or was already here).
   */
  constructor(
    private readonly onImported: (result: ImportResult) => void,
    private readonly onPack: (pack: PackImported) => void = () => {},
  ) {}

  /** Asks for a file, then imports it. */
  async pick(): Promise<void> {
    let path: string | null;
    try {
      path = await api.chooseExchangeFile();
    } catch (e) {
      this.error = (e as Error).message;
      return;
    }
    if (path) await this.run(path);
  }

  /**
   * Imports one file. Two refusals become questions: "replace your local scorecard?" and "what
   * is the passphrase?"; the answer runs the import again.
   */
  async run(
    path: string,
    replaceLocal = false,
    passphrase: string | null = null,
    acceptLeadKey: string | null = null,
  ): Promise<void> {
    if (PACK.test(path)) return this.runPack(path);
    this.busy = true;
    this.error = null;
    this.message = null;
    this.pending = null;
    try {
      const result = await api.importExchangeFile(path, replaceLocal, passphrase, acceptLeadKey);
      this.message = result.message;
      this.onImported(result);
    } catch (e) {
      const code = e instanceof AppError ? e.code : null;
      const message = (e as Error).message;
      if (code === 'conflict' && e instanceof AppError) {
        const scorecardConflict = e.scorecardConflict ?? undefined;
        this.pending = { kind: 'replace', path, message, replaceLocal, scorecardConflict };
      } else if (code === 'locked') this.pending = { kind: 'passphrase', path, message, replaceLocal };
      else if (code === 'lead_key_changed' && e instanceof AppError && e.leadKey)
        this.pending = { kind: 'leadKey', path, message, replaceLocal, leadKey: e.leadKey };
      else this.error = notImported(path, message);
    } finally {
      this.busy = false;
    }
    this.passphrase = passphrase;
  }

  /** Imports a question pack: it asks nothing (an identical pack is a no-op, a clash is refused). */
  private async runPack(path: string): Promise<void> {
    this.busy = true;
    this.error = null;
    this.message = null;
    this.pending = null;
    try {
      const done = await api.importPackAt(path);
      this.message = packImportedMessage(done);
      this.onPack(done);
    } catch (e) {
      this.error = notImported(path, (e as Error).message);
    } finally {
      this.busy = false;
    }
  }

  /** The passphrase that opened (or failed to open) the last file, to reuse for a replace. */
  private passphrase: string | null = null;

  /** Answers the pending question: replace, try this passphrase, or accept the lead's new key. */
  async answer(value: { replace?: boolean; passphrase?: string; acceptLeadKey?: boolean }): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    if (pending.kind === 'replace') await this.run(pending.path, true, this.passphrase);
    else if (pending.kind === 'leadKey') {
      if (value.acceptLeadKey && pending.leadKey)
        await this.run(pending.path, pending.replaceLocal, this.passphrase, pending.leadKey.offered);
    }
    else await this.run(pending.path, pending.replaceLocal, value.passphrase ?? null);
  }

  /** Imports every file the system asked the app to open, in order. */
  async drainOpened(): Promise<void> {
    let paths: string[];
    try {
      paths = await api.takeOpenedFiles();
    } catch (e) {
      this.error = (e as Error).message;
      return;
    }
    for (const path of paths) await this.run(path);
  }

  /**
   * Files dropped on the window: each kit, scorecard or pack is imported in turn, as if opened;
   * any other file is named and left alone.
   */
  async runDropped(paths: string[]): Promise<void> {
    const other = paths.filter((p) => !IMPORTABLE.test(p));
    for (const path of paths.filter((p) => !other.includes(p))) await this.run(path);
    if (other.length > 0)
      this.error = `Only kits (.hpkit), scorecards (.hpscore) and question packs (.hppack) can be dropped here; nothing was imported from ${other.map(baseName).join(', ')}.`;
  }

  dismiss(): void {
    this.message = null;
    this.error = null;
    this.pending = null;
  }
}
