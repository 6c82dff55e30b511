/**
 * Listing screening's detection quality on the labelled sets (fixtures/listing-screening): every
 * listing goes through the text detectors and the shipped policy; a listing is "flagged" when the
 * verdict is block or escalate. Per risk signal and overall: precision, recall, confusion matrix.
 * An unauthorized-seller signal counts only where the policy acts on it (corroborated).
 *
 * Two families, each with its own brand catalog: `templated` (generate.ts, written beside the
 * detectors) and `marketplace` (marketplace/, written apart, in sellers' noisier words, with the
 * hard cases). Each is split into tune and holdout.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_LISTING_SCREENING_PARAMETERS, type BrandEntry, type ListingScreeningParameters } from '../../core/listingScreening.ts';
import { screenListingText } from '../../workers/detectors/listingText/screenListingText.ts';
import { evaluatePolicy, type PolicyRules } from '../../workers/policy/policy.ts';
import shippedPolicy from '../../workers/policy/listingScreeningPolicy.v1.json' with { type: 'json' };
import type { LabelledListing } from '../../fixtures/listing-screening/generate.ts';
import { precisionRecall } from './proportion.ts';

/** The families with floors and a quality block in the docs. */
export const LISTING_FAMILIES = ['templated', 'marketplace'] as const;
/**
 * `independent` (fixtures/listing-screening/independent/) was written from the domain and the API
 * only, never the detectors, and is frozen; it is measured (`--family independent`) but has no
 * floors yet: its baseline is what the next detector changes are judged against.
 */
export type ListingFamily = (typeof LISTING_FAMILIES)[number] | 'independent';
const folders: Record<ListingFamily, URL> = {
  templated: new URL('../../fixtures/listing-screening/', import.meta.url),
  marketplace: new URL('../../fixtures/listing-screening/marketplace/', import.meta.url),
  independent: new URL('../../fixtures/listing-screening/independent/', import.meta.url),
};

/** A row of the independent set: its label says flagged or clear, and no signal (its author never saw them). */
interface IndependentRow {
  id: string;
  split: 'tune' | 'holdout';
  kind: string;
  label: 'flagged' | 'clear';
  listing: LabelledListing['listing'];
}

export const RISK_SIGNALS = ['listing.counterfeit_cue', 'listing.brand_disguised', 'listing.price_anomaly', 'listing.unauthorized_seller'] as const;

export interface Confusion {
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
  trueNegative: number;
  /** null when nothing was flagged */
  precision: number | null;
  /** null when nothing was there to flag */
  recall: number | null;
}

export interface ListingResult {
  entry: LabelledListing;
  flagged: boolean;
  verdict: string;
  signals: string[];
}

export function loadListingSet(family: ListingFamily = 'templated'): { brands: BrandEntry[]; listings: LabelledListing[] } {
  const folder = folders[family];
  const rows = readFileSync(new URL('listings.jsonl', folder), 'utf8').split('\n').filter(Boolean);
  if (family === 'independent') {
    const brands = JSON.parse(readFileSync(new URL('catalog.json', folder), 'utf8')) as BrandEntry[];
    const listings = rows.map((line) => {
      const row = JSON.parse(line) as IndependentRow;
      return { id: row.id, split: row.split, kind: row.kind, listing: row.listing, flagged: row.label === 'flagged', signals: [] } satisfies LabelledListing;
    });
    return { brands, listings };
  }
  const brands = JSON.parse(readFileSync(new URL('brands.json', folder), 'utf8')) as BrandEntry[];
  return { brands, listings: rows.map((line) => JSON.parse(line) as LabelledListing) };
}

export function screenLabelled(brands: BrandEntry[], listings: LabelledListing[]): ListingResult[] {
  const policy = shippedPolicy as PolicyRules;
  const parameters = { ...DEFAULT_LISTING_SCREENING_PARAMETERS, ...(policy.parameters as Partial<ListingScreeningParameters>) };
  return listings.map((entry) => {
    const { signals } = screenListingText(entry.listing, brands, parameters);
    const verdict = evaluatePolicy(policy, signals).outcome;
    const acted = signals.filter((signal) => signal.code !== 'listing.unauthorized_seller' || signal.score >= 0.75).map((signal) => signal.code);
    return { entry, verdict, flagged: verdict !== 'allow', signals: [...new Set(acted)].filter((code) => (RISK_SIGNALS as readonly string[]).includes(code)) };
  });
}

export function confusion(pairs: { expected: boolean; predicted: boolean }[]): Confusion {
  const count = (expected: boolean, predicted: boolean) => pairs.filter((pair) => pair.expected === expected && pair.predicted === predicted).length;
  const truePositive = count(true, true);
  const falsePositive = count(false, true);
  const falseNegative = count(true, false);
  const trueNegative = count(false, false);
  return {
    truePositive,
    falsePositive,
    falseNegative,
    trueNegative,
    ...precisionRecall(truePositive, falsePositive, falseNegative),
  };
}

export function summarise(results: ListingResult[]) {
  const overall = confusion(results.map((result) => ({ expected: result.entry.flagged, predicted: result.flagged })));
  const bySignal = Object.fromEntries(
    RISK_SIGNALS.map((code) => [code, confusion(results.map((result) => ({ expected: result.entry.signals.includes(code), predicted: result.signals.includes(code) })))]),
  ) as Record<(typeof RISK_SIGNALS)[number], Confusion>;
  return { overall, bySignal };
}

export function evaluateListings(split: 'tune' | 'holdout' | 'all' = 'holdout', family: ListingFamily = 'templated') {
  const { brands, listings } = loadListingSet(family);
  const chosen = split === 'all' ? listings : listings.filter((entry) => entry.split === split);
  const results = screenLabelled(brands, chosen);
  return { results, ...summarise(results) };
}
