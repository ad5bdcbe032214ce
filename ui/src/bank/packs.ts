// Naming packs and versions the same way on every screen, and the pure parts of choosing a
// plan's questions (kept here so they are tested without a window).
import type { PackImported, PackRef, PackSummary, Question, QuestionSelection } from '../ipc';

/** One stored pack version, as commands take it. */
export function packRef(p: { id: string; version: number }): PackRef {
  return { id: p.id, version: p.version };
}

/**
 * A text key for one pack version: for `<select>` values and list keys only. Commands take a
 * `PackRef`; a key goes back to one through `refByKey`, which looks it up rather than parsing it.
 */
export function packKey(p: { id: string; version: number }): string {
  return `${p.id}@${p.version}`;
}

/** The pack version among `packs` that `key` names; null when none does. */
export function refByKey(packs: { id: string; version: number }[], key: string): PackRef | null {
  const found = packs.find((p) => packKey(p) === key);
  return found ? packRef(found) : null;
}

/** "Acme product security · v2", with where it came from when that matters. */
export function packLabel(p: Pick<PackSummary, 'title' | 'version' | 'builtin' | 'editable'>): string {
  const origin = p.builtin ? ' (built-in)' : '';
  return `${p.title} · v${p.version}${origin}`;
}

/** What importing a pack file did, in one sentence (the Bank screen and the global importer). */
export function packImportedMessage(done: PackImported): string {
  return done.alreadyPresent
    ? `${done.id} version ${done.version} is already here with the same content; nothing changed.`
    : `Imported ${done.id} version ${done.version} (${done.questions} questions).`;
}

/** A borrowed question as the picker shows it. */
export type Borrowed = { pack: PackRef; packTitle: string; number: number; text: string };

/**
 * The selection the picker's state describes. All of the plan's pack's questions are sent as
 * "no numbers" so the plan keeps asking the whole pack by default.
 */
export function toSelection(
  pack: PackRef | null,
  all: boolean,
  chosen: Iterable<number>,
  borrowed: Borrowed[],
): QuestionSelection {
  return {
    pack,
    numbers: all ? null : [...chosen].sort((a, b) => a - b),
    borrowed: borrowed.map((b) => ({ pack: packRef(b.pack), number: b.number })),
  };
}

/**
 * How the plan will number the chosen questions: a question of the plan's pack keeps its number,
 * borrowed ones follow the pack's last number in the order chosen (as the core numbers them).
 */
export function planNumbers(packQuestions: Question[], all: boolean, chosen: Set<number>, borrowed: number): number[] {
  const own = packQuestions.map((q) => q.number).filter((n) => all || chosen.has(n));
  const last = packQuestions.reduce((max, q) => Math.max(max, q.number), 0);
  return [...own, ...Array.from({ length: borrowed }, (_, i) => last + i + 1)];
}

/** One point per non-empty line, trimmed. */
export function linesToList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/**
 * The pack choosers' options: the rows loaded so far (the beginning of the list, in its order),
 * then the `kept` versions (the pack on screen) they do not hold yet. Every row not loaded sorts
 * after the loaded ones, so the options stay in the list's order.
 */
export function withKept<P extends { id: string; version: number }>(listed: P[], kept: P[]): P[] {
  const loaded = new Set(listed.map(packKey));
  return [...listed, ...kept.filter((p) => !loaded.has(packKey(p)))];
}
