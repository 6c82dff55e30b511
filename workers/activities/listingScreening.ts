/**
 * Listing-screening activities: thin adapters between PostgreSQL and the pure detectors. Each is
 * safe to retry: it reads its inputs by id and writes idempotently.
 */
import type pg from 'pg';
import { ApplicationFailure } from '@temporalio/activity';
import type { PrismaClient } from '../../core/database.ts';
import {
  brandEntryOf,
  DEFAULT_LISTING_SCREENING_PARAMETERS,
  LISTING_SCREENING_POLICY_KEY,
  listingScreeningCases,
  listingScreeningCapability,
  listingScreeningEvent,
  type ListingScreeningParameters,
  type ListingText,
} from '../../core/listingScreening.ts';
import type { Signal } from '../../core/signals.ts';
import { prismaSql } from '../../core/sql.ts';
import { issueStatements } from '../../core/statementWrites.ts';
import { screenListingText } from '../detectors/listingText/screenListingText.ts';
import { settleListingImage } from '../listingImages/settleImage.ts';
import { comparePhotographs, verifiedGalleryMatch, type FingerprintVariant, type PhotographComparison } from '../detectors/listingImages/index.ts';
import type { ComparePhotographs } from '../listingImages/imageThreads.ts';
import { imageMatchSignals } from '../detectors/listingImageMatch/index.ts';
import { createGalleryIndexes, type GalleryIndexes, type TenantGallery } from '../listingImages/galleryIndexes.ts';
import { evaluatePolicy, verdictsOf, type PolicyRules } from '../policy/policy.ts';
import shippedListingScreeningPolicy from '../policy/listingScreeningPolicy.v1.json' with { type: 'json' };
import { recordVerdict, type RecordedVerdict } from '../policy/recordVerdict.ts';

export interface ListingScreeningDependencies {
  prisma: PrismaClient;
  /** the pg pool under `prisma`: pictures are written on it */
  pool: pg.Pool;
  /** image URLs on loopback or private networks (development fixture servers only) */
  allowPrivateNetwork: boolean;
  clock: () => Date;
  /** the marketplaces' gallery indexes (one per worker process) */
  galleries?: GalleryIndexes;
  /** two pictures compared aligned (image threads in a worker; this thread by default) */
  comparePhotographs?: ComparePhotographs;
}

const imageDetector = { id: 'listing-images', version: '1' };

export const screeningNotFound = (screeningId: string) => ApplicationFailure.nonRetryable(`listing screening ${screeningId} not found`, 'ListingScreeningNotFound');

/** The parameters of the policy in force (the shipped ones until an admin publishes a version). */
export async function listingParameters(prisma: PrismaClient): Promise<ListingScreeningParameters> {
  const policy = await prisma.policy.findFirst({ where: { key: LISTING_SCREENING_POLICY_KEY }, orderBy: { version: 'desc' }, select: { rules: true } });
  const parameters = ((policy?.rules ?? shippedListingScreeningPolicy) as unknown as PolicyRules).parameters ?? {};
  return { ...DEFAULT_LISTING_SCREENING_PARAMETERS, ...(parameters as Partial<ListingScreeningParameters>) };
}

export function imageUnavailable(position: number, failure: string, detail: string | null, sourceUrl: string | null): Signal {
  return {
    code: 'listing.image_unavailable',
    severity: 'low',
    score: 0.3,
    summary: `Picture ${position + 1} could not be used: ${failure.replaceAll('_', ' ')}`,
    evidence: { position, failure, detail, sourceUrl },
    detector: imageDetector,
  };
}

type ScreeningRow = Pick<Awaited<ReturnType<PrismaClient['listingScreening']['findUniqueOrThrow']>>, 'title' | 'description' | 'priceCurrency' | 'sellerExternalId' | 'claimedBrand' | 'category'> & {
  /** the stored decimal, or its text as SQL gives it */
  priceAmount: { toString(): string } | string;
  images: { position: number; ocrText: string | null }[];
};

/** The listing as the text detectors read it, with any text read from its pictures. */
export function listingTextOf(screening: ScreeningRow): ListingText {
  return {
    title: screening.title,
    description: screening.description,
    price: { amount: Number(screening.priceAmount), currency: screening.priceCurrency },
    sellerId: screening.sellerExternalId,
    claimedBrand: screening.claimedBrand,
    category: screening.category,
    imageText: screening.images.filter((image) => image.ocrText).map((image) => ({ imageIndex: image.position, text: image.ocrText ?? '' })),
  };
}

/** A stored listing picture: its bytes when the caller already holds them (a batch range reads them), else read by id. */
type ListingPicture = { id: string; bytes?: Uint8Array | null };

/** Aligns a listing picture with a gallery picture: null when either has no bytes. */
export type AlignWithGallery = (picture: ListingPicture, galleryImageId: string) => Promise<PhotographComparison | null>;

/** Reads the pictures' bytes not at hand (only for the fingerprints' near candidates, a few in a hundred pictures) and compares them aligned. */
export function alignWithGalleryFrom(prisma: PrismaClient, compare: ComparePhotographs = comparePhotographs): AlignWithGallery {
  return async (picture, galleryImageId) => {
    const [listing, gallery] = await Promise.all([
      picture.bytes ?? prisma.listingImage.findUnique({ where: { id: picture.id }, select: { bytes: true } }).then((row) => row?.bytes ?? null),
      prisma.galleryImage.findUnique({ where: { id: galleryImageId }, select: { bytes: true } }),
    ]);
    if (!listing || !gallery?.bytes) return null;
    return await compare(Buffer.from(gallery.bytes), Buffer.from(listing));
  };
}

/**
 * Each stored picture's nearest gallery picture as image-match signals; a candidate the
 * fingerprints put near but not within the match distance is compared aligned first
 * (listingImages/verifyMatch.ts). `brands` need cover the gallery's brands only.
 */
export async function galleryMatchSignals(
  images: (ListingPicture & { position: number; fingerprints: { variant: string; hash: Uint8Array }[] })[],
  gallery: TenantGallery,
  brands: { key: string; authorizedSellerIds: string[] }[],
  sellerExternalId: string,
  align: AlignWithGallery,
): Promise<Signal[]> {
  if (images.length === 0 || gallery.entries.size === 0) return [];
  const matches = await Promise.all(
    images.map(async (image) => ({
      position: image.position,
      best: await verifiedGalleryMatch(
        { fingerprints: image.fingerprints.map(({ variant, hash }) => ({ variant: variant as FingerprintVariant, hash: Buffer.from(hash) })) },
        gallery.index,
        async (galleryImageId) => await align(image, galleryImageId),
      ),
    })),
  );
  const authorized = (brandKey: string) => brands.some((brand) => brand.key === brandKey && brand.authorizedSellerIds.includes(sellerExternalId));
  return imageMatchSignals(matches, gallery.entries, authorized);
}

/**
 * Whether reading the pictures' text could change the verdict (given pictures not read yet), so
 * OCR's cost goes where it can matter: the policy in force would not already block, and
 * something points at a brand or a risk (a brand claimed or named, any risk signal). A plain
 * unbranded listing with nothing against it is not read.
 */
export function imageTextMatters(rules: PolicyRules, signals: Signal[], claimedBrand: string | null): boolean {
  if (evaluatePolicy(rules, signals).outcome === verdictsOf(rules)[0]) return false;
  const pointers = signals.some((signal) => signal.code === 'listing.brand_mentioned' || (signal.severity !== 'info' && signal.code !== 'listing.image_unavailable'));
  return pointers || Boolean(claimedBrand);
}

export function createListingScreeningActivities(deps: ListingScreeningDependencies) {
  const { prisma, clock } = deps;
  const galleries = deps.galleries ?? createGalleryIndexes(prisma);
  const align = alignWithGalleryFrom(prisma, deps.comparePhotographs);

  const rulesInForce = async () => {
    const policy = await prisma.policy.findFirst({ where: { key: LISTING_SCREENING_POLICY_KEY }, orderBy: { version: 'desc' }, select: { rules: true } });
    return (policy?.rules ?? shippedListingScreeningPolicy) as unknown as PolicyRules;
  };

  async function loadScreening(screeningId: string) {
    const screening = await prisma.listingScreening.findUnique({ where: { id: screeningId }, include: { images: { orderBy: { position: 'asc' } } } });
    if (!screening) throw screeningNotFound(screeningId);
    return screening;
  }

  const steps = {
    async markListingScreening({ screeningId }: { screeningId: string }): Promise<void> {
      await prisma.listingScreening.updateMany({ where: { id: screeningId, status: 'received' }, data: { status: 'screening' } });
    },

    /** Fetches (or checks, when sent inline) each picture not yet settled; every unusable one is a signal. */
    async fetchListingImages({ screeningId }: { screeningId: string }): Promise<Signal[]> {
      const screening = await loadScreening(screeningId);
      const parameters = await listingParameters(prisma);
      const limits = { timeoutMs: parameters.imageFetchTimeoutMs, maxBytes: parameters.imageMaxBytes, maxPixels: parameters.imageMaxPixels, allowPrivateNetwork: deps.allowPrivateNetwork };
      await Promise.all(screening.images.filter((image) => image.status === 'pending').map((image) => settleListingImage(deps.pool, image, limits)));
      const settled = await prisma.listingImage.findMany({ where: { screeningId, status: 'failed' }, orderBy: { position: 'asc' }, select: { position: true, failure: true, sourceUrl: true } });
      return settled.map((image) => imageUnavailable(image.position, image.failure ?? 'undecodable', null, image.sourceUrl));
    },

    /** Each stored picture's nearest gallery picture (the marketplace's gallery index), as image-match signals. */
    async matchListingImages({ screeningId }: { screeningId: string }): Promise<Signal[]> {
      const screening = await prisma.listingScreening.findUnique({ where: { id: screeningId }, select: { tenantId: true, sellerExternalId: true } });
      if (!screening) throw screeningNotFound(screeningId);
      const images = await prisma.listingImage.findMany({
        where: { screeningId, status: 'stored' },
        orderBy: { position: 'asc' },
        select: { id: true, position: true, fingerprints: { select: { variant: true, hash: true } } },
      });
      if (images.length === 0) return [];
      const gallery = await galleries.forTenant(screening.tenantId);
      if (gallery.entries.size === 0) return [];
      const brandKeys = [...new Set([...gallery.entries.values()].map((entry) => entry.brandKey).filter((key): key is string => key !== null))];
      const brands = await prisma.brand.findMany({ where: { tenantId: screening.tenantId, key: { in: brandKeys } }, select: { key: true, authorizedSellerIds: true } });
      return await galleryMatchSignals(images, gallery, brands, screening.sellerExternalId, align);
    },

    /** Brand mentions, counterfeit cues, price anomaly and unauthorized seller, over the text and any text read from pictures. */
    async screenListingText({ screeningId }: { screeningId: string }): Promise<Signal[]> {
      const screening = await loadScreening(screeningId);
      const [brands, parameters] = await Promise.all([prisma.brand.findMany({ where: { tenantId: screening.tenantId } }), listingParameters(prisma)]);
      return screenListingText(listingTextOf(screening), brands.map(brandEntryOf), parameters).signals;
    },

    /** Whether pictures are left unread and reading them could change the verdict (`imageTextMatters`). */
    async imageTextCouldMatter({ screeningId, signals }: { screeningId: string; signals: Signal[] }): Promise<boolean> {
      const unread = await prisma.listingImage.count({ where: { screeningId, status: 'stored', ocrText: null } });
      if (unread === 0) return false;
      const screening = await prisma.listingScreening.findUnique({ where: { id: screeningId }, select: { claimedBrand: true } });
      return imageTextMatters(await rulesInForce(), signals, screening?.claimedBrand ?? null);
    },

    /** The signals and the policy's verdict, stored once; the case (if any) is opened by the workflow. */
    async recordListingVerdict({ screeningId, signals }: { screeningId: string; signals: Signal[] }): Promise<RecordedVerdict & { sellerId: string | null }> {
      const screening = await prisma.listingScreening.findUnique({ where: { id: screeningId }, select: { tenantId: true, sellerExternalId: true } });
      if (!screening) throw screeningNotFound(screeningId);
      const verdict = await recordVerdict(prisma, {
        subjectType: listingScreeningCases.subjectType,
        subjectId: screeningId,
        tenantId: screening.tenantId,
        policyKey: LISTING_SCREENING_POLICY_KEY,
        shippedPolicy: shippedListingScreeningPolicy as PolicyRules,
        signals,
      });
      // the seller's history in the console needs our seller row, which exists once the seller was vetted
      const seller = await prisma.seller.findUnique({ where: { tenantId_externalId: { tenantId: screening.tenantId, externalId: screening.sellerExternalId } }, select: { id: true } });
      return { ...verdict, sellerId: seller?.id ?? null };
    },

    async markListingAwaitingReview({ screeningId }: { screeningId: string }): Promise<void> {
      await prisma.listingScreening.updateMany({ where: { id: screeningId, status: { in: ['received', 'screening'] } }, data: { status: 'awaiting_review' } });
    },

    /** The final verdict, with its statement of reasons when it blocks, in one transaction. */
    async completeListingScreening(input: { screeningId: string; verdict: 'allow' | 'block'; decidedBy: 'policy' | 'moderator' }): Promise<void> {
      const at = clock();
      await prisma.$transaction(async (tx) => {
        await tx.listingScreening.updateMany({
          where: { id: input.screeningId, status: { not: 'completed' } },
          data: { status: 'completed', finalVerdict: input.verdict, decidedBy: input.decidedBy, completedAt: at },
        });
        await issueStatements(prismaSql(tx), listingScreeningCapability, [{ id: input.screeningId, outcome: input.verdict, decidedBy: input.decidedBy }], at);
      });
    },

    /** The webhook's `data` (core/listingScreening.ts: the same for `.completed` and `.failed`). */
    async describeListingScreeningOutcome({ screeningId }: { screeningId: string }): Promise<Record<string, unknown>> {
      if (!(await prisma.listingScreening.count({ where: { id: screeningId } }))) throw screeningNotFound(screeningId);
      return await listingScreeningEvent(prisma, screeningId);
    },
  };

  return {
    ...steps,

    /**
     * A single screening's detection in one activity (one round trip through Temporal instead of
     * six): the pictures, their gallery matches, the text, and the policy's verdict recorded,
     * unless reading the pictures' text (OCR, on the heavy queue) could change it: then the
     * signals so far come back with `readImageText` and the workflow records the verdict after.
     */
    async screenListing({ screeningId }: { screeningId: string }): Promise<{ readImageText: true; pictureSignals: Signal[] } | { readImageText: false; verdict: RecordedVerdict & { sellerId: string | null } }> {
      await steps.markListingScreening({ screeningId });
      // the listing, its catalog, parameters and policy read once for every detector
      const screening = await loadScreening(screeningId);
      const [parameters, brands, rules] = await Promise.all([listingParameters(prisma), prisma.brand.findMany({ where: { tenantId: screening.tenantId } }), rulesInForce()]);
      let images: { id: string; position: number; status: string; failure: string | null; sourceUrl: string | null; ocrText: string | null; fingerprints: { variant: string; hash: Uint8Array }[] }[] = [];
      if (screening.images.length > 0) {
        const limits = { timeoutMs: parameters.imageFetchTimeoutMs, maxBytes: parameters.imageMaxBytes, maxPixels: parameters.imageMaxPixels, allowPrivateNetwork: deps.allowPrivateNetwork };
        await Promise.all(screening.images.filter((image) => image.status === 'pending').map((image) => settleListingImage(deps.pool, image, limits)));
        images = await prisma.listingImage.findMany({
          where: { screeningId },
          orderBy: { position: 'asc' },
          select: { id: true, position: true, status: true, failure: true, sourceUrl: true, ocrText: true, fingerprints: { select: { variant: true, hash: true } } },
        });
      }
      const stored = images.filter((image) => image.status === 'stored');
      const pictureSignals = [
        ...images.filter((image) => image.status === 'failed').map((image) => imageUnavailable(image.position, image.failure ?? 'undecodable', null, image.sourceUrl)),
        ...(stored.length > 0 ? await galleryMatchSignals(stored, await galleries.forTenant(screening.tenantId), brands, screening.sellerExternalId, align) : []),
      ];
      const signals = [...pictureSignals, ...screenListingText(listingTextOf({ ...screening, images }), brands.map(brandEntryOf), parameters).signals];
      if (stored.some((image) => image.ocrText === null) && imageTextMatters(rules, signals, screening.claimedBrand)) return { readImageText: true, pictureSignals };
      return { readImageText: false, verdict: await steps.recordListingVerdict({ screeningId, signals }) };
    },

    /** After the pictures' text was read: the text detectors again (with that text), and the verdict on every signal. */
    async recordListingVerdictAfterImageText({ screeningId, pictureSignals }: { screeningId: string; pictureSignals: Signal[] }): Promise<RecordedVerdict & { sellerId: string | null }> {
      const textSignals = await steps.screenListingText({ screeningId });
      return await steps.recordListingVerdict({ screeningId, signals: [...pictureSignals, ...textSignals] });
    },

    /** The final verdict stored, and what the webhook says, in one round trip. */
    async completeAndDescribeListingScreening(input: { screeningId: string; verdict: 'allow' | 'block'; decidedBy: 'policy' | 'moderator' }): Promise<Record<string, unknown>> {
      await steps.completeListingScreening(input);
      return await steps.describeListingScreeningOutcome({ screeningId: input.screeningId });
    },
  };
}

export type ListingScreeningActivities = ReturnType<typeof createListingScreeningActivities>;
