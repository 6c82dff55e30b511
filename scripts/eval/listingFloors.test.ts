/**
 * Floors for listing screening on the holdout split of each family of fixtures/listing-screening:
 * a detector or policy change that loses precision or recall there fails CI. Held through
 * scripts/eval/floors.ts: 0.9 or above, and only on signals with 20 or more labelled positives.
 * What `npm run eval:listings` measured on the holdout splits: templated 100% everywhere;
 * marketplace overall precision 96.4% and recall 97.6%, the lowest per signal the price
 * anomaly's precision (28 of 31, 90.3%), just above its floor of 0.9: one more false flag there
 * fails; templated price anomalies 26 of 28 (two toys "worn twice" are priced as pre-owned). The marketplace holdout has
 * 9 disguised listings, too few for a floor: measured, not floored.
 */
import { describe, expect, it } from 'vitest';
import { type Confusion, evaluateListings, LISTING_FAMILIES, loadListingSet, RISK_SIGNALS } from './listingEvaluation.ts';
import { expectPrecisionRecallFloor, expectTooFewToFloor } from './floors.ts';
import { readBlock, renderListingsQuality } from './qualityBlocks.ts';

type Floor = { precision: number; recall: number };
type Signal = (typeof RISK_SIGNALS)[number];
/** Per family: the overall floor and each signal's, or `tooFew` where the holdout split has fewer than 20 listings with the signal. */
const FLOORS: Record<(typeof LISTING_FAMILIES)[number], { overall: Floor; bySignal: Record<Signal, Floor | 'tooFew'> }> = {
  templated: {
    overall: { precision: 0.95, recall: 0.95 },
    bySignal: {
      'listing.counterfeit_cue': { precision: 0.9, recall: 0.9 },
      'listing.brand_disguised': { precision: 0.9, recall: 0.9 },
      'listing.price_anomaly': { precision: 0.9, recall: 0.9 },
      'listing.unauthorized_seller': { precision: 0.9, recall: 0.9 },
    },
  },
  marketplace: {
    overall: { precision: 0.9, recall: 0.9 },
    bySignal: {
      'listing.counterfeit_cue': { precision: 0.93, recall: 0.9 },
      'listing.brand_disguised': 'tooFew',
      'listing.price_anomaly': { precision: 0.9, recall: 0.9 },
      'listing.unauthorized_seller': { precision: 0.9, recall: 0.9 },
    },
  },
};

const counts = (matrix: Confusion) => ({ truePositives: matrix.truePositive, falsePositives: matrix.falsePositive, falseNegatives: matrix.falseNegative });

// One evaluation of each family's holdout split, for the floors and for the figures in the docs.
const holdoutOf = Object.fromEntries(LISTING_FAMILIES.map((family) => [family, evaluateListings('holdout', family)])) as Record<(typeof LISTING_FAMILIES)[number], ReturnType<typeof evaluateListings>>;

describe.each(['templated', 'marketplace'] as const)('listing screening quality on the %s family’s holdout split', (family) => {
  const holdout = holdoutOf[family];
  const floors = FLOORS[family];

  it('flags knockoffs and allows the rest (block or escalate vs allow)', () => {
    expectPrecisionRecallFloor(`${family} overall`, counts(holdout.overall), floors.overall);
  });

  it.each(RISK_SIGNALS)('%s keeps its precision and recall (or has too few listings for a floor)', (code) => {
    const floor = floors.bySignal[code];
    if (floor === 'tooFew') expectTooFewToFloor(`${family} ${code}`, holdout.bySignal[code].truePositive + holdout.bySignal[code].falseNegative);
    else expectPrecisionRecallFloor(`${family} ${code}`, counts(holdout.bySignal[code]), floor);
  });
});

describe('docs/listing-screening.md', () => {
  it('shows the figures this evaluation gives now (`npm run docs:quality -- listings` rewrites them)', () => {
    expect(readBlock('listings')).toBe(renderListingsQuality(holdoutOf));
  });
});

describe('the labelled sets', () => {
  it('measure on a templated set as large and varied as the evaluation needs', () => {
    const { brands, listings } = loadListingSet('templated');
    expect(listings.length).toBeGreaterThanOrEqual(400);
    expect(brands.length).toBeGreaterThanOrEqual(10);
    expect(new Set(brands.map((brand) => brand.category)).size).toBeGreaterThanOrEqual(10);
    expect(listings.filter((entry) => entry.split === 'holdout').length).toBeGreaterThanOrEqual(150);
    const kinds = new Set(listings.map((entry) => entry.kind));
    for (const kind of ['genuine', 'authorized_discount', 'cue_title', 'cue_description', 'price_anomaly', 'benign_cue_words', 'generic_unbranded', 'accessory_compatible', 'disguise_lookalike', 'disguise_leetspeak', 'disguise_invisible', 'disguise_spaced', 'disguise_symbol', 'disguise_misspelling']) {
      expect(kinds).toContain(kind);
    }
  });

  it('measure on a marketplace set with every hard kind in both splits, split by case', () => {
    const { brands, listings } = loadListingSet('marketplace');
    expect(listings.length).toBeGreaterThanOrEqual(250);
    expect(brands.length).toBeGreaterThanOrEqual(18);
    for (const kind of ['monogram_knockoff', 'knockoff_phrase', 'loanword_knockoff', 'disguise_noisy', 'price_other_currency', 'everyday_brand_knockoff', 'everyday_word_benign', 'benign_cue_phrase', 'genuine_noisy']) {
      for (const split of ['tune', 'holdout']) expect(listings.some((entry) => entry.kind === kind && entry.split === split), `${kind} in ${split}`).toBe(true);
    }
    // every listing of a case is in that case's split: no holdout phrasing is seen while tuning
    const splitOfCase = new Map<string, string>();
    for (const entry of listings) {
      expect(splitOfCase.get(entry.pattern!) ?? entry.split).toBe(entry.split);
      splitOfCase.set(entry.pattern!, entry.split);
    }
  });
});
