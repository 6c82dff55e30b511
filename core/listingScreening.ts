/**
 * Listing-screening domain types shared by the API (which stores listings and brands), the
 * workers (whose detectors read them) and the workflow (which needs the case definition). Pure
 * data only: workflows import values from here.
 */
import type { CaseSubjectDefinition } from './cases.ts';

export const LISTING_SCREENING_POLICY_KEY = 'listing-screening';
export const LISTING_SCREENING_VERDICTS = ['block', 'escalate', 'allow'] as const;
export type ListingVerdict = (typeof LISTING_SCREENING_VERDICTS)[number];
export const LISTING_SCREENING_COMPLETED_EVENT = 'listing_screening.completed';
export const LISTING_SCREENING_BATCH_COMPLETED_EVENT = 'listing_screening_batch.completed';
export const GALLERY_IMAGE_LABELS = ['official', 'counterfeit', 'never_match'] as const;
export type GalleryImageLabel = (typeof GALLERY_IMAGE_LABELS)[number];

/** Cases opened by listing screening: a moderator allows the listing or blocks it (with a note). */
export const listingScreeningCases = {
  subjectType: 'listing_screening',
  label: 'Listing screening',
  decisions: [
    { value: 'allow', label: 'Allow', noteRequired: false },
    { value: 'block', label: 'Block', noteRequired: true, destructive: true },
  ],
} as const satisfies CaseSubjectDefinition;

/** Limits of a listing's text and images (documented in the README; the API schema enforces them). */
export const LISTING_LIMITS = {
  titleMaxLength: 500,
  descriptionMaxLength: 20_000,
  identifierMaxLength: 128,
  imagesMax: 10,
  aliasesMax: 50,
  aliasMaxLength: 100,
  authorizedSellersMax: 10_000,
  /** JSON lines in one batch upload */
  batchMaxListings: 10_000,
  /** longest `?wait=` on a submission, in seconds */
  waitMaxSeconds: 30,
  /** a gallery picture uploaded or fetched: bytes and decoded pixels */
  galleryImageMaxBytes: 8 * 1024 * 1024,
  galleryImageMaxPixels: 40_000_000,
} as const;

/** A marketplace's brand as the detectors read it. */
export interface BrandEntry {
  key: string;
  name: string;
  aliases: string[];
  category: string | null;
  referencePrice: { currency: string; min: number; max: number } | null;
  authorizedSellerIds: string[];
}

/** The listing text fields the detectors read, with the marketplace's seller id. */
export interface ListingText {
  title: string;
  description: string;
  price: { amount: number; currency: string };
  sellerId: string;
  claimedBrand?: string | null;
  category?: string | null;
  /** text read from the listing's images (OCR), one entry per image */
  imageText?: { imageIndex: number; text: string }[];
}

/** The text fields whose positions evidence refers to. */
export type ListingField = 'title' | 'description' | `image:${number}`;

/**
 * Exchange rates for comparing a listing's price with a brand's reference range in another
 * currency: units of each currency per one unit of `base` (base EUR, USD 1.16: one euro buys
 * 1.16 dollars). The marketplace keeps them current by publishing policy versions.
 */
export interface CurrencyRates {
  base: string;
  rates: Record<string, number>;
  /** the day the rates were read (YYYY-MM-DD) */
  asOf?: string;
  note?: string;
}

/** The tunable numbers of listing screening, carried in the policy's `parameters`. */
export interface ListingScreeningParameters {
  /** a price below this fraction of the brand's reference minimum is an anomaly */
  priceAnomalyRatio: number;
  /** without them (or without a currency's rate) a price in another currency than the reference is not compared */
  currencyRates?: CurrencyRates;
  /** fetching one listing image: total deadline and size cap */
  imageFetchTimeoutMs: number;
  imageMaxBytes: number;
  imageMaxPixels: number;
}

export const DEFAULT_LISTING_SCREENING_PARAMETERS: ListingScreeningParameters = {
  priceAnomalyRatio: 0.6,
  imageFetchTimeoutMs: 10_000,
  imageMaxBytes: 8 * 1024 * 1024,
  imageMaxPixels: 40_000_000,
};

/** A catalog row as stored (prices as PostgreSQL numerics), in the detectors' shape. */
export interface StoredBrand {
  key: string;
  name: string;
  aliases: string[];
  category: string | null;
  referenceCurrency: string | null;
  referenceMin: { toString(): string } | null;
  referenceMax: { toString(): string } | null;
  authorizedSellerIds: string[];
}

export const brandEntryOf = (brand: StoredBrand): BrandEntry => ({
  key: brand.key,
  name: brand.name,
  aliases: brand.aliases,
  category: brand.category,
  referencePrice:
    brand.referenceCurrency && brand.referenceMin !== null && brand.referenceMax !== null
      ? { currency: brand.referenceCurrency, min: Number(brand.referenceMin.toString()), max: Number(brand.referenceMax.toString()) }
      : null,
  authorizedSellerIds: brand.authorizedSellerIds,
});
