/**
 * The percentile every evaluation and benchmark report uses: nearest rank, the smallest value
 * with at least a share q of the values at or below it. A p95 is thus a time that was measured,
 * never an interpolation between two. 0 for an empty list.
 */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}
