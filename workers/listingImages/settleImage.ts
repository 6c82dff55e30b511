/**
 * Settles one pending listing picture: gets it (fetched under the outbound rules, or checked when
 * it was sent inline), fingerprints it and stores the picture with its fingerprints in one
 * transaction, so a retry never finds one without the other. A picture that cannot be used is
 * stored as failed with its reason; the screening turns that into a signal. Used by a single
 * screening and by a batch chunk alike; `acquirePicture` is the part other capabilities' pictures share.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { fingerprintImage, ImageFingerprintError } from '../detectors/listingImages/index.ts';
import { fetchImage, inspectImage, type ImageLimits } from './acquireImage.ts';
import type { FingerprintPicture } from './imageThreads.ts';

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

/**
 * `fingerprint` hashes the picture: in this thread unless the caller has threads for it
 * (imageThreads.ts). The picture and its fingerprints are written by one statement on the
 * pg pool: through the ORM a picture's bytes were encoded and copied several times on the
 * worker's main thread (a quarter of a second a picture in a batch), which held up every other
 * picture's download and answer.
 */
export async function settleListingImage(pool: pg.Pool, image: PendingListingImage, limits: ImageLimits, fingerprint: FingerprintPicture = fingerprintImage): Promise<void> {
  const picture = await acquirePicture(image, limits, fingerprint);
  // The fingerprints are replaced (a retry may find an earlier attempt's), then the picture row; no
  // unique key spans the fingerprints, so the delete and the insert of one statement cannot clash.
  const replaced = `WITH dropped AS (DELETE FROM listing_image_fingerprints WHERE listing_image_id = $1::uuid),
    added AS (
      INSERT INTO listing_image_fingerprints (id, listing_image_id, tenant_id, variant, hash)
      SELECT gen_random_uuid(), $1::uuid, $2::uuid, fingerprint.variant, fingerprint.hash FROM unnest($3::text[], $4::bytea[]) AS fingerprint(variant, hash))`;
  const variants = picture.ok ? picture.fingerprints.map(({ variant }) => variant) : [];
  const hashes = picture.ok ? picture.fingerprints.map(({ hash }) => hash) : [];
  if (picture.ok) {
    await pool.query(
      `${replaced}
       UPDATE listing_images SET status = 'stored', failure = NULL, bytes = $5, mime_type = $6, width = $7, height = $8, byte_size = $9, sha256 = $10 WHERE id = $1::uuid`,
      [image.id, image.tenantId, variants, hashes, picture.bytes, picture.mimeType, picture.width, picture.height, picture.bytes.length, picture.sha256],
    );
  } else {
    await pool.query(`${replaced} UPDATE listing_images SET status = 'failed', failure = $5, bytes = NULL, sha256 = NULL WHERE id = $1::uuid`, [image.id, image.tenantId, variants, hashes, picture.failure]);
  }
}
