/** Scores are 0–1 floats; two decimals are enough to compare them. */
export function formatScore(score: unknown): string {
  return typeof score === 'number' && Number.isFinite(score) ? score.toFixed(2) : '—';
}
