/**
 * Gallery activities of listing screening: a picture given by URL is fetched under the outbound
 * rules and checked like an upload; a picture that cannot be had marks the gallery entry failed
 * (with why), never the worker.
 */
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../../core/database.ts';
import { LISTING_LIMITS } from '../../core/listingScreening.ts';
import { fetchImage, inspectImage } from '../listingImages/acquireImage.ts';
import { FINGERPRINT_VERSION, listingsMatchingGalleryImage, type FingerprintVariant } from '../detectors/listingImages/index.ts';
import { createListingIndexes, type ListingIndexes } from '../listingImages/listingIndexes.ts';
import { defaultImageMatchThresholds } from '../detectors/listingImages/matchImage.ts';
import { fingerprintsOf } from '../listingImages/settleImage.ts';
import { listingParameters } from './listingScreening.ts';
import { createRescreening, latestScreeningOf } from './listingRescreening.ts';

/** Re-screenings one new counterfeit picture starts at most (the rest are left to a moderator's search). */
export const RETROACTIVE_MAX_RESCREENINGS = 1000;

export interface ListingGalleryDependencies {
  prisma: PrismaClient;
  allowPrivateNetwork: boolean;
  clock: () => Date;
  /** the marketplaces' kept indexes of screened listing pictures (one per worker process) */
  listingIndexes?: ListingIndexes;
}


export function createListingGalleryActivities(deps: ListingGalleryDependencies) {
  const { prisma } = deps;
  const listingIndexes = deps.listingIndexes ?? createListingIndexes(prisma);
  return {
    /** The picture's bytes, fetched once when it came as a URL; `ok: false` when it cannot be used. */
    async acquireGalleryImage({ galleryImageId }: { galleryImageId: string }): Promise<{ ok: boolean; label: string }> {
      const image = await prisma.galleryImage.findUnique({ where: { id: galleryImageId }, select: { status: true, sourceUrl: true, label: true, bytes: true } });
      // deleted before the worker reached it: nothing left to do
      if (!image) return { ok: false, label: 'deleted' };
      if (image.status === 'failed') return { ok: false, label: image.label };
      if (image.status !== 'pending') return { ok: true, label: image.label };
      const parameters = await listingParameters(prisma);
      const limits = { timeoutMs: parameters.imageFetchTimeoutMs, maxBytes: LISTING_LIMITS.galleryImageMaxBytes, maxPixels: LISTING_LIMITS.galleryImageMaxPixels, allowPrivateNetwork: deps.allowPrivateNetwork };
      const acquired = image.sourceUrl ? await fetchImage(image.sourceUrl, limits) : await inspectImage(Buffer.from(image.bytes ?? new Uint8Array()), limits.maxBytes, limits.maxPixels);
      await prisma.galleryImage.updateMany({
        where: { id: galleryImageId, status: 'pending' },
        data: acquired.ok
          ? { status: 'stored', bytes: new Uint8Array(acquired.bytes), mimeType: acquired.mimeType, width: acquired.width, height: acquired.height, byteSize: acquired.bytes.length, sha256: createHash('sha256').update(acquired.bytes).digest('hex') }
          : { status: 'failed', failure: acquired.failure },
      });
      return { ok: acquired.ok, label: image.label };
    },

    /** The picture's fingerprints, kept with it; the gallery is then `indexed` (its marketplace's index version changes). */
    async fingerprintGalleryImage({ galleryImageId }: { galleryImageId: string }): Promise<{ ok: boolean; label: string }> {
      const image = await prisma.galleryImage.findUnique({ where: { id: galleryImageId }, select: { tenantId: true, status: true, label: true, bytes: true } });
      if (!image || !image.bytes) return { ok: false, label: image?.label ?? 'deleted' };
      if (image.status === 'indexed') return { ok: true, label: image.label };
      const hashed = await fingerprintsOf(Buffer.from(image.bytes), { maxBytes: LISTING_LIMITS.galleryImageMaxBytes, maxPixels: LISTING_LIMITS.galleryImageMaxPixels });
      if (!hashed.ok) {
        await prisma.galleryImage.updateMany({ where: { id: galleryImageId }, data: { status: 'failed', failure: hashed.failure } });
        return { ok: false, label: image.label };
      }
      await prisma.$transaction([
        prisma.galleryImageFingerprint.deleteMany({ where: { galleryImageId } }),
        prisma.galleryImageFingerprint.createMany({ data: hashed.fingerprint.fingerprints.map(({ variant, hash }) => ({ galleryImageId, tenantId: image.tenantId, variant, hash: new Uint8Array(hash) })) }),
        prisma.galleryImage.updateMany({ where: { id: galleryImageId }, data: { status: 'indexed', indexedAt: deps.clock(), fingerprintVersion: FINGERPRINT_VERSION } }),
      ]);
      return { ok: true, label: image.label };
    },

    /**
     * Retroactive matching: the new counterfeit picture searched in the marketplace's kept index
     * of earlier listing pictures (listingIndexes.ts, caught up from PostgreSQL). Each listing whose
     * latest screening used a matching picture gets a new screening (the same text and pictures,
     * trigger `gallery_update`), once per listing and picture; the ids are returned for the
     * workflow to start. A listing already blocked is left alone.
     */
    async createRetroactiveScreenings({ galleryImageId }: { galleryImageId: string }): Promise<string[]> {
      const picture = await prisma.galleryImage.findUnique({ where: { id: galleryImageId }, select: { tenantId: true, fingerprints: { select: { variant: true, hash: true } } } });
      if (!picture || picture.fingerprints.length === 0) return [];
      const { tenantId } = picture;
      const listingIndex = await listingIndexes.forTenant(tenantId);
      const galleryFingerprint = { fingerprints: picture.fingerprints.map(({ variant, hash }) => ({ variant: variant as FingerprintVariant, hash: Buffer.from(hash) })) };
      const matchedImages = new Set(listingsMatchingGalleryImage(galleryFingerprint, listingIndex, defaultImageMatchThresholds).filter((hit) => hit.certainty === 'match').map((hit) => hit.listingImageId));
      if (matchedImages.size === 0) return [];
      const matchedScreenings = await prisma.listingImage.findMany({ where: { id: { in: [...matchedImages] } }, select: { screeningId: true } });
      const screenings = await prisma.listingScreening.findMany({ where: { id: { in: [...new Set(matchedScreenings.map((row) => row.screeningId))] } }, select: { listingId: true } });
      const created: string[] = [];
      for (const listingId of [...new Set(screenings.map((row) => row.listingId))].slice(0, RETROACTIVE_MAX_RESCREENINGS)) {
        const latest = await latestScreeningOf(prisma, tenantId, listingId);
        if (!latest || latest.finalVerdict === 'block' || latest.rescreenedFor === galleryImageId) {
          if (latest?.rescreenedFor === galleryImageId && latest.status === 'received') created.push(latest.id);
          continue;
        }
        if (!latest.images.some((image) => matchedImages.has(image.id))) continue;
        const id = await createRescreening(prisma, latest, { trigger: 'gallery_update', rescreenedFor: galleryImageId });
        created.push(id);
      }
      return created;
    },
  };
}

export type ListingGalleryActivities = ReturnType<typeof createListingGalleryActivities>;
