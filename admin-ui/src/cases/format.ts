/** Longest evidence text shown in the signals table before it is cut. */
export const EVIDENCE_MAX_CHARS = 160;

/** Evidence as one line of JSON, cut with an ellipsis when longer than `max` characters. */
export function compactJson(value: unknown, max = EVIDENCE_MAX_CHARS): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? '';
  } catch {
    return '—';
  }
  if (text === '' || text === '{}') return '—';
  return text.length > max ? `${text.slice(0, Math.max(max - 1, 0))}…` : text;
}

/** Scores are 0–1 floats; two decimals are enough to compare them. */
export function formatScore(score: unknown): string {
  return typeof score === 'number' && Number.isFinite(score) ? score.toFixed(2) : '—';
}
