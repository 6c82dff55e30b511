/**
 * Settles one pending listing picture: gets it (fetched under the outbound rules, or checked when
 * it was sent inline), fingerprints it and stores the picture with its fingerprints in one
 * transaction, so a retry never finds one without the other. A picture that cannot be used is
 * stored as failed with its reason; the screening turns that into a signal. Used by a single
 * screening and by a batch chunk alike.
 */
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../../core/database.ts';
import { fingerprintImage, ImageFingerprintError } from '../detectors/listingImages/index.ts';
import { fetchImage, inspectImage, type ImageLimits } from './acquireImage.ts';
import type { FingerprintPicture } from './fingerprintThreads.ts';

export interface PendingListingImage {
  id: string;
  tenantId: string;
  sourceUrl: string | null;
  bytes: Uint8Array | null;
}

/** Fingerprints of a picture's bytes, or why it has none (a picture sharp cannot hash is a signal, not a failure). */
export async function fingerprintsOf(bytes: Buffer, limits: { maxBytes: number; maxPixels: number }, fingerprint: FingerprintPicture = fingerprintImage) {
  try {
    return { ok: true as const, fingerprint: await fingerprint(bytes, { maxBytes: limits.maxBytes, maxPixels: limits.maxPixels }) };
  } catch (error) {
    if (error instanceof ImageFingerprintError) return { ok: false as const, failure: error.code };
    throw error;
  }
}

/** `fingerprint` hashes the picture: in this thread unless the caller has threads for it (fingerprintThreads.ts). */
export async function settleListingImage(prisma: PrismaClient, image: PendingListingImage, limits: ImageLimits, fingerprint: FingerprintPicture = fingerprintImage): Promise<void> {
  const acquired = image.sourceUrl ? await fetchImage(image.sourceUrl, limits) : await inspectImage(Buffer.from(image.bytes ?? new Uint8Array()), limits.maxBytes, limits.maxPixels);
  if (!acquired.ok) {
    await prisma.listingImage.update({ where: { id: image.id }, data: { status: 'failed', failure: acquired.failure, bytes: null, sha256: null } });
    return;
  }
  const hashed = await fingerprintsOf(acquired.bytes, limits, fingerprint);
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
}
