import type { Confusion, ListingResult } from './listingEvaluation.ts';
import { evaluateListings, LISTING_FAMILIES, type ListingFamily } from './listingEvaluation.ts';
import { precisionRecallCells } from './proportion.ts';

// precision and recall with their 95% Wilson intervals in brackets, n/a where undefined
const row = (matrix: Confusion) => ({ ...precisionRecallCells(matrix.truePositive, matrix.falsePositive, matrix.falseNegative), TP: matrix.truePositive, FP: matrix.falsePositive, FN: matrix.falseNegative, TN: matrix.trueNegative });

const short = (codes: string[]) => codes.map((code) => code.replace('listing.', '')).join(' ');

/** Listings whose verdict or risk signals differ from their labels. */
function mistakes(results: ListingResult[]) {
  return results
    .filter((result) => result.flagged !== result.entry.flagged || short(result.signals.toSorted()) !== short(result.entry.signals))
    .map((result) => ({
      id: result.entry.id,
      expected: result.entry.flagged ? 'flag' : 'allow',
      verdict: result.verdict,
      missing: short(result.entry.signals.filter((code) => !result.signals.includes(code))),
      extra: short(result.signals.filter((code) => !result.entry.signals.includes(code))),
      title: result.entry.listing.title.slice(0, 50),
    }));
}

/** Prints precision/recall and confusion matrices, per signal and overall, for one split of each family (or one). */
export function printListingReport(split: 'tune' | 'holdout', options: { showMistakes?: boolean; family?: ListingFamily } = {}) {
  for (const family of options.family ? [options.family] : LISTING_FAMILIES) printFamily(family, split, options.showMistakes ?? false);
}

function printFamily(family: ListingFamily, split: 'tune' | 'holdout', showMistakes: boolean) {
  const { results, overall, bySignal } = evaluateListings(split, family);
  console.log(`\n== Listing screening: text detectors + policy, ${family} family, ${split} split (${results.length} listings, ${results.filter((result) => result.entry.flagged).length} to flag; 95% intervals in brackets) ==`);
  // the independent family labels only flagged or clear: per-signal figures would score nothing
  const perSignal = family === 'independent' ? {} : Object.fromEntries(Object.entries(bySignal).map(([code, matrix]) => [code, row(matrix)]));
  console.table({ 'overall (block or escalate)': row(overall), ...perSignal });
  const kinds = [...new Set(results.map((result) => result.entry.kind))].sort();
  console.table(Object.fromEntries(kinds.map((kind) => {
    const ofKind = results.filter((result) => result.entry.kind === kind);
    return [kind, { listings: ofKind.length, expected: ofKind[0]?.entry.flagged ? 'flag' : 'allow', correct: ofKind.filter((result) => result.flagged === result.entry.flagged).length }];
  })));
  const wrong = mistakes(results);
  if (showMistakes && wrong.length > 0) console.table(wrong);
}
