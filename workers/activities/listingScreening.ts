/**
 * Listing-screening activities: thin adapters between PostgreSQL and the pure detectors. Each is
 * safe to retry: it reads its inputs by id and writes idempotently.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { PrismaClient } from '../../core/database.ts';
import {
  brandEntryOf,
  DEFAULT_LISTING_SCREENING_PARAMETERS,
  LISTING_SCREENING_POLICY_KEY,
  listingScreeningCases,
  type ListingScreeningParameters,
  type ListingText,
} from '../../core/listingScreening.ts';
import type { Signal } from '../../core/signals.ts';
import { screenListingText } from '../detectors/listingText/screenListingText.ts';
import { fetchImage, inspectImage, type AcquiredImage } from '../listingImages/acquireImage.ts';
import { bestGalleryMatch, fingerprintImage, ImageFingerprintError, type FingerprintVariant } from '../detectors/listingImages/index.ts';
import { defaultImageMatchThresholds } from '../detectors/listingImages/matchImage.ts';
import { imageMatchSignals } from '../detectors/listingImageMatch/index.ts';
import { createGalleryIndexes, type GalleryIndexes } from '../listingImages/galleryIndexes.ts';
import { evaluatePolicy, verdictsOf, type PolicyRules } from '../policy/policy.ts';
import shippedListingScreeningPolicy from '../policy/listingScreeningPolicy.v1.json' with { type: 'json' };
import { recordVerdict, type RecordedVerdict } from '../policy/recordVerdict.ts';
import { createHash } from 'node:crypto';

export interface ListingScreeningDependencies {
  prisma: PrismaClient;
  /** image URLs on loopback or private networks (development fixture servers only) */
  allowPrivateNetwork: boolean;
  clock: () => Date;
  /** the marketplaces' gallery indexes (one per worker process) */
  galleries?: GalleryIndexes;
}

const imageDetector = { id: 'listing-images', version: '1' };

export const screeningNotFound = (screeningId: string) => ApplicationFailure.nonRetryable(`listing screening ${screeningId} not found`, 'ListingScreeningNotFound');

/** The parameters of the policy in force (the shipped ones until an admin publishes a version). */
export async function listingParameters(prisma: PrismaClient): Promise<ListingScreeningParameters> {
  const policy = await prisma.policy.findFirst({ where: { key: LISTING_SCREENING_POLICY_KEY }, orderBy: { version: 'desc' }, select: { rules: true } });
  const parameters = ((policy?.rules ?? shippedListingScreeningPolicy) as unknown as PolicyRules).parameters ?? {};
  return { ...DEFAULT_LISTING_SCREENING_PARAMETERS, ...(parameters as Partial<ListingScreeningParameters>) };
}

function imageUnavailable(position: number, failure: string, detail: string | null, sourceUrl: string | null): Signal {
  return {
    code: 'listing.image_unavailable',
    severity: 'low',
    score: 0.3,
    summary: `Picture ${position + 1} could not be used: ${failure.replaceAll('_', ' ')}`,
    evidence: { position, failure, detail, sourceUrl },
    detector: imageDetector,
  };
}

/** Fingerprints of a picture's bytes, or why it has none (a picture sharp cannot hash is a signal, not a failure). */
export async function fingerprintsOf(bytes: Buffer, limits: { maxBytes: number; maxPixels: number }) {
  try {
    return { ok: true as const, fingerprint: await fingerprintImage(bytes, { maxBytes: limits.maxBytes, maxPixels: limits.maxPixels }) };
  } catch (error) {
    if (error instanceof ImageFingerprintError) return { ok: false as const, failure: error.code };
    throw error;
  }
}

export function createListingScreeningActivities(deps: ListingScreeningDependencies) {
  const { prisma, clock } = deps;
  const galleries = deps.galleries ?? createGalleryIndexes(prisma);

  async function loadScreening(screeningId: string) {
    const screening = await prisma.listingScreening.findUnique({ where: { id: screeningId }, include: { images: { orderBy: { position: 'asc' } } } });
    if (!screening) throw screeningNotFound(screeningId);
    return screening;
  }

  return {
    async markListingScreening({ screeningId }: { screeningId: string }): Promise<void> {
      await prisma.listingScreening.updateMany({ where: { id: screeningId, status: 'received' }, data: { status: 'screening' } });
    },

    /** Fetches (or checks, when sent inline) each picture not yet settled; every unusable one is a signal. */
    async fetchListingImages({ screeningId }: { screeningId: string }): Promise<Signal[]> {
      const screening = await loadScreening(screeningId);
      const parameters = await listingParameters(prisma);
      const limits = { timeoutMs: parameters.imageFetchTimeoutMs, maxBytes: parameters.imageMaxBytes, maxPixels: parameters.imageMaxPixels, allowPrivateNetwork: deps.allowPrivateNetwork };
      await Promise.all(
        screening.images
          .filter((image) => image.status === 'pending')
          .map(async (image) => {
            const acquired: AcquiredImage = image.sourceUrl
              ? await fetchImage(image.sourceUrl, limits)
              : await inspectImage(Buffer.from(image.bytes ?? new Uint8Array()), limits.maxBytes, limits.maxPixels);
            if (!acquired.ok) {
              await prisma.listingImage.update({ where: { id: image.id }, data: { status: 'failed', failure: acquired.failure, bytes: null, sha256: null } });
              return acquired;
            }
            const hashed = await fingerprintsOf(acquired.bytes, limits);
            // the picture and its fingerprints together, so a retry never finds one without the other
            await prisma.$transaction([
              prisma.listingImageFingerprint.deleteMany({ where: { listingImageId: image.id } }),
              prisma.listingImageFingerprint.createMany({
                data: hashed.ok ? hashed.fingerprint.fingerprints.map(({ variant, hash }) => ({ listingImageId: image.id, tenantId: image.tenantId, variant, hash: new Uint8Array(hash) })) : [],
              }),
              prisma.listingImage.update({
                where: { id: image.id },
                data: hashed.ok
                  ? { status: 'stored', bytes: new Uint8Array(acquired.bytes), mimeType: acquired.mimeType, width: acquired.width, height: acquired.height, byteSize: acquired.bytes.length, sha256: createHash('sha256').update(acquired.bytes).digest('hex') }
                  : { status: 'failed', failure: hashed.failure, bytes: null, sha256: null },
              }),
            ]);
            return acquired;
          }),
      );
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
        select: { position: true, fingerprints: { select: { variant: true, hash: true } } },
      });
      if (images.length === 0) return [];
      const gallery = await galleries.forTenant(screening.tenantId);
      if (gallery.entries.size === 0) return [];
      const matches = images.map((image) => ({
        position: image.position,
        best: bestGalleryMatch({ fingerprints: image.fingerprints.map(({ variant, hash }) => ({ variant: variant as FingerprintVariant, hash: Buffer.from(hash) })) }, gallery.index, defaultImageMatchThresholds),
      }));
      const brandKeys = [...new Set([...gallery.entries.values()].map((entry) => entry.brandKey).filter((key): key is string => key !== null))];
      const brands = await prisma.brand.findMany({ where: { tenantId: screening.tenantId, key: { in: brandKeys } }, select: { key: true, authorizedSellerIds: true } });
      const authorized = (brandKey: string) => brands.some((brand) => brand.key === brandKey && brand.authorizedSellerIds.includes(screening.sellerExternalId));
      return imageMatchSignals(matches, gallery.entries, authorized);
    },

    /** Brand mentions, counterfeit cues, price anomaly and unauthorized seller, over the text and any text read from pictures. */
    async screenListingText({ screeningId }: { screeningId: string }): Promise<Signal[]> {
      const screening = await loadScreening(screeningId);
      const [brands, parameters] = await Promise.all([prisma.brand.findMany({ where: { tenantId: screening.tenantId } }), listingParameters(prisma)]);
      const listing: ListingText = {
        title: screening.title,
        description: screening.description,
        price: { amount: Number(screening.priceAmount), currency: screening.priceCurrency },
        sellerId: screening.sellerExternalId,
        claimedBrand: screening.claimedBrand,
        category: screening.category,
        imageText: screening.images.filter((image) => image.ocrText).map((image) => ({ imageIndex: image.position, text: image.ocrText ?? '' })),
      };
      return screenListingText(listing, brands.map(brandEntryOf), parameters).signals;
    },

    /**
     * Whether reading the pictures' text could change the verdict, so OCR's cost goes where it
     * can matter: there are pictures not read yet, the policy in force would not already block,
     * and something already points at a brand or a risk (a brand claimed or named, any risk
     * signal). A plain unbranded listing with nothing against it is not read.
     */
    async imageTextCouldMatter({ screeningId, signals }: { screeningId: string; signals: Signal[] }): Promise<boolean> {
      const unread = await prisma.listingImage.count({ where: { screeningId, status: 'stored', ocrText: null } });
      if (unread === 0) return false;
      const policy = await prisma.policy.findFirst({ where: { key: LISTING_SCREENING_POLICY_KEY }, orderBy: { version: 'desc' }, select: { rules: true } });
      const rules = (policy?.rules ?? shippedListingScreeningPolicy) as unknown as PolicyRules;
      if (evaluatePolicy(rules, signals).outcome === verdictsOf(rules)[0]) return false;
      const pointers = signals.some((signal) => signal.code === 'listing.brand_mentioned' || (signal.severity !== 'info' && signal.code !== 'listing.image_unavailable'));
      if (pointers) return true;
      const screening = await prisma.listingScreening.findUnique({ where: { id: screeningId }, select: { claimedBrand: true } });
      return Boolean(screening?.claimedBrand);
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

    async completeListingScreening(input: { screeningId: string; verdict: 'allow' | 'block'; decidedBy: 'policy' | 'moderator' }): Promise<void> {
      await prisma.listingScreening.updateMany({
        where: { id: input.screeningId, status: { not: 'completed' } },
        data: { status: 'completed', finalVerdict: input.verdict, decidedBy: input.decidedBy, completedAt: clock() },
      });
    },

    /** What the webhook says (ids, verdict, reason codes and evidence positions: the listing's text stays with the marketplace). */
    async describeListingScreeningOutcome({ screeningId }: { screeningId: string }): Promise<Record<string, unknown>> {
      const screening = await prisma.listingScreening.findUnique({ where: { id: screeningId } });
      if (!screening) throw screeningNotFound(screeningId);
      const subject = { subjectType: listingScreeningCases.subjectType, subjectId: screeningId };
      const [verdict, review] = await Promise.all([
        prisma.verdictRecord.findUnique({ where: { subjectType_subjectId: subject } }),
        prisma.case.findUnique({ where: { subjectType_subjectId: subject }, include: { decision: true } }),
      ]);
      const reasons = (verdict?.reasons ?? []) as { code: string; action: string; summary: string }[];
      return {
        screeningId,
        listingId: screening.listingId,
        sellerId: screening.sellerExternalId,
        verdict: screening.finalVerdict,
        decidedBy: screening.decidedBy,
        automatedVerdict: verdict?.outcome ?? null,
        score: verdict?.score ?? null,
        reasons: reasons.map((reason) => ({ code: reason.code, action: reason.action, summary: reason.summary })),
        policy: verdict ? { key: verdict.policyKey, version: verdict.policyVersion } : null,
        review: review ? { caseId: review.id, decision: review.decision?.decision ?? null } : null,
        trigger: screening.trigger,
        previousScreeningId: screening.previousScreeningId,
      };
    },
  };
}

export type ListingScreeningActivities = ReturnType<typeof createListingScreeningActivities>;
