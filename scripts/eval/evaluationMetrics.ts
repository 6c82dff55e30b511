/** Small scoring helpers for the document evaluation: per-code precision and recall. */
import { precisionRecall } from './proportion.ts';

export interface CodeScore {
  code: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** null when the code was never emitted (nothing claimed) */
  precision: number | null;
  /** null when the code was never expected (nothing to find) */
  recall: number | null;
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
    return { code, truePositives, falsePositives, falseNegatives, ...precisionRecall(truePositives, falsePositives, falseNegatives) };
  });
}
