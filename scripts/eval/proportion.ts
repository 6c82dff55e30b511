/**
 * Shares as the evaluations report them: a share of nothing is no figure at all (null, printed
 * "n/a"), never a perfect one, and every share is printed with its 95% Wilson score interval, so
 * a figure measured on a handful of cases reads as the rough estimate it is.
 */

/** Low and high end of a confidence interval, as fractions. */
export type Interval = readonly [low: number, high: number];

/** The normal quantile of a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/** `hits / of`, or null when there is nothing to divide (no claims for a precision, no positives for a recall). */
export const ratio = (hits: number, of: number): number | null => (of === 0 ? null : hits / of);

/**
 * The 95% Wilson score interval of a share of `hits` out of `of`: unlike the normal
 * approximation it stays inside [0, 1] and is honest at 0 or 100% on a few cases (10 of 10
 * gives 72.2%-100%, not 100%-100%). Null when `of` is 0.
 */
export function wilsonInterval(hits: number, of: number, z = Z95): Interval | null {
  if (of === 0) return null;
  if (!Number.isInteger(hits) || !Number.isInteger(of) || hits < 0 || of < 0 || hits > of) throw new RangeError(`not a share of counts: ${hits} of ${of}`);
  const share = hits / of;
  const z2 = z * z;
  const denominator = 1 + z2 / of;
  const centre = (share + z2 / (2 * of)) / denominator;
  const half = (z / denominator) * Math.sqrt((share * (1 - share)) / of + z2 / (4 * of * of));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Precision and recall from counts, each null when undefined (nothing claimed, nothing to find). */
export function precisionRecall(truePositives: number, falsePositives: number, falseNegatives: number): { precision: number | null; recall: number | null } {
  return { precision: ratio(truePositives, truePositives + falsePositives), recall: ratio(truePositives, truePositives + falseNegatives) };
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** `hits` of `of` as a percentage with its 95% interval, "92.0% [81.2–96.9]"; "n/a" when `of` is 0. */
export function shareWithInterval(hits: number, of: number): string {
  const interval = wilsonInterval(hits, of);
  if (interval === null) return 'n/a';
  return `${percent(hits / of)} [${(interval[0] * 100).toFixed(1)}–${(interval[1] * 100).toFixed(1)}]`;
}

/** Precision and recall cells from counts, with their intervals. */
export function precisionRecallCells(truePositives: number, falsePositives: number, falseNegatives: number): { precision: string; recall: string } {
  return { precision: shareWithInterval(truePositives, truePositives + falsePositives), recall: shareWithInterval(truePositives, truePositives + falseNegatives) };
}
