/**
 * Floors for listing screening on the holdout split of fixtures/listing-screening: a detector or
 * policy change that loses precision or recall there fails CI. The floors sit a little under what
 * `npm run eval:listings` measured, so they catch regressions, not noise.
 */
import { describe, expect, it } from 'vitest';
import { evaluateListings, loadListingSet, RISK_SIGNALS } from './listingEvaluation.ts';

describe('listing screening quality on the holdout split', () => {
  const holdout = evaluateListings('holdout');

  it('flags knockoffs and allows the rest (block or escalate vs allow)', () => {
    expect(holdout.overall.precision).toBeGreaterThanOrEqual(0.95);
    expect(holdout.overall.recall).toBeGreaterThanOrEqual(0.95);
  });

  it.each(RISK_SIGNALS)('%s keeps its precision and recall', (code) => {
    expect(holdout.bySignal[code].precision).toBeGreaterThanOrEqual(0.9);
    expect(holdout.bySignal[code].recall).toBeGreaterThanOrEqual(0.9);
  });

  it('measures on a set as large and varied as the evaluation needs', () => {
    const { brands, listings } = loadListingSet();
    expect(listings.length).toBeGreaterThanOrEqual(400);
    expect(brands.length).toBeGreaterThanOrEqual(10);
    expect(new Set(brands.map((brand) => brand.category)).size).toBeGreaterThanOrEqual(10);
    expect(listings.filter((entry) => entry.split === 'holdout').length).toBeGreaterThanOrEqual(150);
    const kinds = new Set(listings.map((entry) => entry.kind));
    for (const kind of ['genuine', 'authorized_discount', 'cue_title', 'cue_description', 'price_anomaly', 'benign_cue_words', 'generic_unbranded', 'accessory_compatible', 'disguise_lookalike', 'disguise_leetspeak', 'disguise_invisible', 'disguise_spaced', 'disguise_symbol', 'disguise_misspelling']) {
      expect(kinds).toContain(kind);
    }
  });
});
