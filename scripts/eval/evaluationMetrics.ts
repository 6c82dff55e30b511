/** Small scoring helpers for evaluate.ts: per-code precision/recall and percentiles. */

export interface CodeScore {
  code: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** 1 when the code was never emitted (nothing claimed, nothing wrong) */
  precision: number;
  /** 1 when the code was never expected */
  recall: number;
}

export function codeScores(images: readonly { expectedSignals: string[]; actualSignals: string[] }[]): CodeScore[] {
  const codes = [...new Set(images.flatMap((image) => [...image.expectedSignals, ...image.actualSignals]))].sort();
  return codes.map((code) => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    for (const image of images) {
      const expected = image.expectedSignals.includes(code);
      const actual = image.actualSignals.includes(code);
      if (expected && actual) truePositives++;
      else if (actual) falsePositives++;
      else if (expected) falseNegatives++;
    }
    const claimed = truePositives + falsePositives;
    const relevant = truePositives + falseNegatives;
    return { code, truePositives, falsePositives, falseNegatives, precision: claimed === 0 ? 1 : truePositives / claimed, recall: relevant === 0 ? 1 : truePositives / relevant };
  });
}

/** Nearest-rank percentile (q in 0..1) of a list of numbers; 0 for an empty list. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? 0;
}
