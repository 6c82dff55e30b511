/**
 * Settles one pending listing picture: gets it (fetched under the outbound rules, or checked when
 * it was sent inline), fingerprints it and stores the picture with its fingerprints in one
 * transaction, so a retry never finds one without the other. A picture that cannot be used is
 * stored as failed with its reason; the screening turns that into a signal. Used by a single
 * screening and by a batch chunk alike; `acquirePicture` is the part other capabilities' pictures share.
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

/** What became of one picture: unusable (why), or its checked bytes with their fingerprints and SHA-256. */
export type SettledPicture =
  | { ok: false; failure: string }
  | { ok: true; bytes: Buffer; mimeType: string; width: number; height: number; sha256: string; fingerprints: { variant: string; hash: Buffer }[] };

/**
 * Gets one picture (fetched under the outbound rules, or checked when it was sent inline) and
 * fingerprints it. Shared by every capability that keeps pictures (listing screening, buyers'
 * authenticity photos), which store the answer in their own tables.
 */
export async function acquirePicture(source: { sourceUrl: string | null; bytes: Uint8Array | null }, limits: ImageLimits, fingerprint: FingerprintPicture = fingerprintImage): Promise<SettledPicture> {
  const acquired = source.sourceUrl ? await fetchImage(source.sourceUrl, limits) : await inspectImage(Buffer.from(source.bytes ?? new Uint8Array()), limits.maxBytes, limits.maxPixels);
  if (!acquired.ok) return { ok: false, failure: acquired.failure };
  const hashed = await fingerprintsOf(acquired.bytes, limits, fingerprint);
  if (!hashed.ok) return { ok: false, failure: hashed.failure };
  return {
    ok: true,
    bytes: acquired.bytes,
    mimeType: acquired.mimeType,
    width: acquired.width,
    height: acquired.height,
    sha256: createHash('sha256').update(acquired.bytes).digest('hex'),
    fingerprints: hashed.fingerprint.fingerprints,
  };
}

/** `fingerprint` hashes the picture: in this thread unless the caller has threads for it (fingerprintThreads.ts). */
export async function settleListingImage(prisma: PrismaClient, image: PendingListingImage, limits: ImageLimits, fingerprint: FingerprintPicture = fingerprintImage): Promise<void> {
  const picture = await acquirePicture(image, limits, fingerprint);
  await prisma.$transaction([
    prisma.listingImageFingerprint.deleteMany({ where: { listingImageId: image.id } }),
    prisma.listingImageFingerprint.createMany({
      data: picture.ok ? picture.fingerprints.map(({ variant, hash }) => ({ listingImageId: image.id, tenantId: image.tenantId, variant, hash: new Uint8Array(hash) })) : [],
    }),
    prisma.listingImage.update({
      where: { id: image.id },
      data: picture.ok
        ? { status: 'stored', bytes: new Uint8Array(picture.bytes), mimeType: picture.mimeType, width: picture.width, height: picture.height, byteSize: picture.bytes.length, sha256: picture.sha256 }
        : { status: 'failed', failure: picture.failure, bytes: null, sha256: null },
    }),
  ]);
}
