// Display formats shared by screens.
import type { Level, PlanStatus } from '../ipc';

export const LEVEL_LABEL: Record<Level, string> = {
  director: 'Director',
  'senior-director': 'Senior Director',
  vp: 'VP',
  principal: 'Principal',
};

export const STATUS_LABEL: Record<PlanStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  interviewing: 'Interviewing',
  debrief: 'Debrief',
  decided: 'Decided',
  withdrawn: 'Withdrawn',
};

/** An RFC 3339 instant as a `Date`; null when absent or unreadable. */
function parsed(utc: string | null): Date | null {
  if (!utc) return null;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An interview's start in the user's local time, e.g. "Tue 1 Dec 2026, 09:00". */
export function localDateTime(utc: string | null): string {
  const date = parsed(utc);
  return date ? dateTimeFormat().format(date) : 'Not scheduled';
}

/** When something happened (a save, a submission, a backup), in the user's local time, in the
 *  same words as every other date on screen; "—" when unknown. */
export function localInstant(utc: string | null): string {
  const date = parsed(utc);
  return date ? dateTimeFormat().format(date) : '—';
}

/** The day only, e.g. "Tue 1 Dec 2026". */
export function localDate(utc: string | null): string {
  const date = parsed(utc);
  if (!date) return '—';
  dateOnly ??= new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  return dateOnly.format(date);
}

let dateTime: Intl.DateTimeFormat | null = null;
let dateOnly: Intl.DateTimeFormat | null = null;

/** One formatter for every date on screen: making one per call (what `toLocaleString` with
 *  options does) cost most of the time of drawing the Plans list. */
function dateTimeFormat(): Intl.DateTimeFormat {
  dateTime ??= new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return dateTime;
}

/** "1 h 32 min" for 92. */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/**
 * A name to suggest in a save dialog: `stem.extension` without the characters file systems
 * refuse (\ / : * ? " < > | and control characters), spaces collapsed.
 */
export function suggestedFileName(stem: string, extension: string): string {
  const safe = stem.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return `${safe || 'export'}.${extension}`;
}

