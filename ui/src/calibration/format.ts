// How the Calibration screen writes its figures: offsets with a sign, shares as percentages, and
// an offset's place on a small scale, so a table of numbers reads at a glance.

/** "+0.42", "−0.31", "0.00": a leniency offset in score points, with a true minus sign. */
export function signedPoints(value: number | null): string {
  if (value === null) return '—';
  const fixed = Math.abs(value).toFixed(2);
  if (fixed === '0.00') return '0.00';
  return `${value > 0 ? '+' : '−'}${fixed}`;
}

/** "[−0.12 to +0.30]", or an empty string without an interval. */
export function intervalText(interval: [number | null, number | null] | null): string {
  return interval ? `${signedPoints(interval[0])} to ${signedPoints(interval[1])}` : '';
}

/** "12 %" from 0.12. */
export function percent(share: number | null): string {
  if (share === null) return '—';
  return `${Math.round(share * 100)} %`;
}

/** How far along a scale from −`range` to +`range` a value sits, 0–100 (clamped), for bars. */
export function scalePosition(value: number | null, range = 1): number {
  if (value === null) return 50;
  const clamped = Math.max(-range, Math.min(range, value));
  return ((clamped + range) / (2 * range)) * 100;
}

/** "1.5 days", "6 hours": the median time from interview to submission. */
export function daysText(days: number | null): string {
  if (days === null) return '—';
  if (days < 1) return `${Math.round(days * 24)} h`;
  return `${days.toFixed(1)} d`;
}
