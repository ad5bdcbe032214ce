// The 1–4 scale with its anchors, and the recommendation scale. Decided in the product notes;
// change only with a written reason.
import type { Recommendation } from '../ipc';

export const SCORES: { value: number; label: string; anchor: string }[] = [
  { value: 1, label: 'Weak', anchor: 'Misses most points or shows the weak pattern' },
  { value: 2, label: 'Mixed', anchor: 'Covers some points, misses others' },
  { value: 3, label: 'Strong', anchor: 'Covers the strong-answer points' },
  { value: 4, label: 'Exceptional', anchor: 'Covers them and goes beyond: staged evolution, system change, evidence' },
];

export const RECOMMENDATIONS: { value: Recommendation; label: string }[] = [
  { value: 'strong-no', label: 'Strong no hire' },
  { value: 'no', label: 'No hire' },
  { value: 'yes', label: 'Hire' },
  { value: 'strong-yes', label: 'Strong hire' },
];

/** Keys that toggle strong-answer points (A, B, C…) and red flags (X, Y, Z). */
export const POINT_KEYS = 'abcdefgh';
export const FLAG_KEYS = 'xyz';

/** "3:07" for 187 seconds. */
export function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
