/**
 * Listing-screening domain types shared by the API (which stores listings and brands), the
 * workers (whose detectors read them) and the workflow (which needs the case definition), and the
 * capability's declaration for the shared machinery. Workflows import values from here: the
 * database functions are only ever called by activities and the API.
 */
import { afterCursor, failureColumns, failureView, SUBJECT_ANSWERED_STATUSES, type CapabilityDeclaration, type SubjectRow } from './capability.ts';
import type { CaseSubjectDefinition } from './cases.ts';
import type { PrismaClient } from './database.ts';
import { presentVerdict } from './verdictView.ts';

export const LISTING_SCREENING_POLICY_KEY = 'listing-screening';
export const LISTING_SCREENING_VERDICTS = ['block', 'escalate', 'allow'] as const;
export type ListingVerdict = (typeof LISTING_SCREENING_VERDICTS)[number];
export const LISTING_SCREENING_COMPLETED_EVENT = 'listing_screening.completed';
export const LISTING_SCREENING_FAILED_EVENT = 'listing_screening.failed';
export const LISTING_SCREENING_BATCH_COMPLETED_EVENT = 'listing_screening_batch.completed';
export const UNFINISHED_LISTING_SCREENING_STATUSES = ['received', 'screening', 'awaiting_review'] as const;
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

/** Limits of a listing's text and images (documented in docs/listing-screening.md; the API schema enforces them). */
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
  /** the same for goods the listing says are pre-owned ("used", "worn twice", a date code): they sell below the new range */
  preOwnedPriceAnomalyRatio?: number;
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
  /** the stored models (JSON), see brandModelsOf */
  models?: unknown;
}

/** A model of a brand: its name as printed, and the GTINs (14 digits) it is sold under. */
export interface BrandModel {
  name: string;
  gtins: string[];
}

/** The brand's models as stored; anything else in the column reads as none. */
export function brandModelsOf(brand: { models?: unknown }): BrandModel[] {
  if (!Array.isArray(brand.models)) return [];
  return brand.models.flatMap((model: unknown) => {
    const { name, gtins } = (model ?? {}) as { name?: unknown; gtins?: unknown };
    return typeof name === 'string' ? [{ name, gtins: Array.isArray(gtins) ? gtins.filter((gtin): gtin is string => typeof gtin === 'string') : [] }] : [];
  });
}

/** The names the text detectors look for: the aliases, then each model's name not among them. */
function namesOf(brand: StoredBrand): string[] {
  const known = new Set(brand.aliases.map((alias) => alias.toLowerCase()));
  return [...brand.aliases, ...brandModelsOf(brand).map((model) => model.name).filter((name) => !known.has(name.toLowerCase()) && known.add(name.toLowerCase()))];
}

export const brandEntryOf = (brand: StoredBrand): BrandEntry => ({
  key: brand.key,
  name: brand.name,
  aliases: namesOf(brand),
  category: brand.category,
  referencePrice:
    brand.referenceCurrency && brand.referenceMin !== null && brand.referenceMax !== null
      ? { currency: brand.referenceCurrency, min: Number(brand.referenceMin.toString()), max: Number(brand.referenceMax.toString()) }
      : null,
  authorizedSellerIds: brand.authorizedSellerIds,
});

const listingRow = { id: true, status: true, workflowId: true, createdAt: true, updatedAt: true, batch: { select: { workflowId: true } } } as const;
// A batch's listing has no workflow of its own until it escalates: its batch's workflow screens it.
const subjectRow = (row: { id: string; status: string; workflowId: string | null; createdAt: Date; updatedAt: Date; batch: { workflowId: string } | null }): SubjectRow => ({
  id: row.id,
  status: row.status,
  workflowId: row.workflowId ?? row.batch?.workflowId ?? null,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** Listing screening on the shared failure path (registered in core/capabilities.ts). */
export const listingScreeningCapability: CapabilityDeclaration = {
  cases: listingScreeningCases,
  unfinishedStatuses: UNFINISHED_LISTING_SCREENING_STATUSES,
  answeredStatuses: SUBJECT_ANSWERED_STATUSES,
  failedEvent: LISTING_SCREENING_FAILED_EVENT,
  statements: {
    restrictions: {
      block: {
        measure: 'listing_removed',
        description: 'The listing is removed from sale on the marketplace.',
        visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
        overturnedOutcome: 'allow',
      },
    },
    contentType: ['CONTENT_TYPE_PRODUCT'],
    ground: {
      reference: 'The marketplace’s terms for sellers: counterfeit goods and listings that misuse a brand are not allowed.',
      explanation: 'The listing was found to offer counterfeit or unauthorised branded goods, or to misrepresent them.',
    },
    categories: [
      { codePrefixes: ['listing.counterfeit_cue', 'listing.brand_disguised', 'listing.image_match', 'listing.unauthorized_seller', 'listing.brand_'], category: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS', specification: ['KEYWORD_TRADEMARK_INFRINGEMENT'] },
      { codePrefixes: ['listing.price_'], category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD', specification: ['KEYWORD_INAUTHENTIC_LISTINGS'] },
    ],
    defaultCategory: { category: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS', specification: ['KEYWORD_TRADEMARK_INFRINGEMENT'] },
    affectedParties: `SELECT id, tenant_id, 'seller' AS party_type, seller_external_id AS party_id, created_at AS content_date FROM listing_screenings WHERE id = ANY($1::uuid[])`,
    overturn: `UPDATE listing_screenings SET final_verdict = $2, decided_by = 'moderator', updated_at = now() AT TIME ZONE 'UTC' WHERE id = $1::uuid`,
  },
  rows: {
    find: async (prisma: PrismaClient, id: string) => {
      const row = await prisma.listingScreening.findUnique({ where: { id }, select: listingRow });
      return row ? subjectRow(row) : null;
    },
    unfinished: async (prisma, { quietSince, after, take, batchId }) =>
      (
        await prisma.listingScreening.findMany({
          where: { status: { in: [...UNFINISHED_LISTING_SCREENING_STATUSES] }, updatedAt: { lt: quietSince }, ...(batchId === undefined ? {} : { batchId }), ...afterCursor(after) },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          take,
          select: listingRow,
        })
      ).map(subjectRow),
    markFailed: async (prisma, id, failure) =>
      (await prisma.listingScreening.updateMany({ where: { id, status: { in: [...UNFINISHED_LISTING_SCREENING_STATUSES] } }, data: failureColumns(failure) })).count > 0,
    describe: async (prisma, id) => {
      const row = await prisma.listingScreening.findUniqueOrThrow({ where: { id }, select: { tenantId: true } });
      return { tenantId: row.tenantId, data: await listingScreeningEvent(prisma, id) };
    },
  },
};

/**
 * The `data` of `listing_screening.completed` and `.failed`: ids, the verdict as the API shows it
 * (core/verdictView.ts: evidence gives positions; the listing's text stays with the marketplace)
 * and, on a failed screening, `failure`.
 */
export async function listingScreeningEvent(prisma: PrismaClient, screeningId: string): Promise<Record<string, unknown>> {
  const screening = await prisma.listingScreening.findUniqueOrThrow({ where: { id: screeningId } });
  return {
    screeningId,
    listingId: screening.listingId,
    sellerId: screening.sellerExternalId,
    status: screening.status,
    verdict: await presentVerdict(prisma, listingScreeningCases.subjectType, { id: screeningId, outcome: screening.finalVerdict }),
    trigger: screening.trigger,
    previousScreeningId: screening.previousScreeningId,
    batchId: screening.batchId,
    completedAt: screening.completedAt?.toISOString() ?? null,
    failure: failureView(screening),
  };
}
