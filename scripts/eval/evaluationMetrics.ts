/** Small scoring helpers for the document evaluation: per-code precision and recall. */

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
