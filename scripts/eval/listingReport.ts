import type { Confusion, ListingResult } from './listingEvaluation.ts';
import { evaluateListings } from './listingEvaluation.ts';

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const row = (matrix: Confusion) => ({ precision: pct(matrix.precision), recall: pct(matrix.recall), TP: matrix.truePositive, FP: matrix.falsePositive, FN: matrix.falseNegative, TN: matrix.trueNegative });

function mistakes(results: ListingResult[]) {
  return results
    .filter((result) => result.flagged !== result.entry.flagged)
    .map((result) => ({ id: result.entry.id, kind: result.entry.kind, expected: result.entry.flagged ? 'flag' : 'allow', verdict: result.verdict, title: result.entry.listing.title.slice(0, 60) }));
}

/** Prints precision/recall and confusion matrices, per signal and overall, for one split. */
export function printListingReport(split: 'tune' | 'holdout', options: { showMistakes?: boolean } = {}) {
  const { results, overall, bySignal } = evaluateListings(split);
  console.log(`\n== Listing screening: text detectors + policy, ${split} split (${results.length} listings, ${results.filter((result) => result.entry.flagged).length} to flag) ==`);
  console.table({ 'overall (block or escalate)': row(overall), ...Object.fromEntries(Object.entries(bySignal).map(([code, matrix]) => [code, row(matrix)])) });
  const kinds = [...new Set(results.map((result) => result.entry.kind))].sort();
  console.table(Object.fromEntries(kinds.map((kind) => {
    const ofKind = results.filter((result) => result.entry.kind === kind);
    return [kind, { listings: ofKind.length, expected: ofKind[0]?.entry.flagged ? 'flag' : 'allow', correct: ofKind.filter((result) => result.flagged === result.entry.flagged).length }];
  })));
  const wrong = mistakes(results);
  if (options.showMistakes && wrong.length > 0) console.table(wrong);
}
