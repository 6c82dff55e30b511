/**
 * Gallery activities of listing screening: a picture given by URL is fetched under the outbound
 * rules and checked like an upload; a picture that cannot be had marks the gallery entry failed
 * (with why), never the worker.
 */
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../../core/database.ts';
import { LISTING_LIMITS } from '../../core/listingScreening.ts';
import { fetchImage, inspectImage } from '../listingImages/acquireImage.ts';
import { listingParameters } from './listingScreening.ts';

export interface ListingGalleryDependencies {
  prisma: PrismaClient;
  allowPrivateNetwork: boolean;
  clock: () => Date;
}


export function createListingGalleryActivities(deps: ListingGalleryDependencies) {
  const { prisma } = deps;
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
  };
}

export type ListingGalleryActivities = ReturnType<typeof createListingGalleryActivities>;
