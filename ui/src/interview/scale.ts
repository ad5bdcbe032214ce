// The 1–4 scale with its anchors, and the recommendation scale: the core's words
// (panel_core::vocabulary, generated into the bindings), as the PDFs print them.
import { VOCABULARY, type Recommendation } from '../ipc';

export const SCORES: { value: number; label: string; anchor: string }[] = VOCABULARY.scores.map((s) => ({
  value: s.score,
  label: s.label,
  anchor: s.anchor,
}));

export const RECOMMENDATIONS: { value: Recommendation; label: string }[] = VOCABULARY.recommendations.map(
  (r) => ({ value: r.value, label: r.label }),
);

/** A recommendation in words; `none` when there is none (not submitted). */
export function recommendationLabel(r: string | null, none = 'Not submitted'): string {
  return RECOMMENDATIONS.find((x) => x.value === r)?.label ?? none;
}

/** Keys that toggle strong-answer points (A, B, C…) and red flags (X, Y, Z). */
export const POINT_KEYS = 'abcdefgh';
export const FLAG_KEYS = 'xyz';

/** "3:07" for 187 seconds. */
export function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
