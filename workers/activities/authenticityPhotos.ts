/**
 * The photos of one authenticity check, for its screening activity: settles the ones not yet
 * settled (fetched under the outbound rules or checked when sent inline, fingerprinted and stored
 * with their fingerprints, as listing pictures are), then runs the photo detectors: the quality
 * gate, the codes printed on them, the marketplace's gallery, and reuse (another order's check
 * photo, the listing's own pictures).
 */
import type { Prisma } from '../../prisma/generated/client.ts';
import type { PrismaClient } from '../../core/database.ts';
import { AUTHENTICITY_PHOTO_LIMITS, type AuthenticityPhotoKind } from '../../core/authenticityCheck.ts';
import type { Signal } from '../../core/signals.ts';
import { findReusedPhotos, measurePhoto, photoCodeSignals, photoGallerySignals, photoQualitySignals, photoReuseSignals, readCodesInPhoto, retakeSignal } from '../detectors/authenticityPhotos/index.ts';
import { bestGalleryMatch, type FingerprintVariant } from '../detectors/listingImages/index.ts';
import { defaultImageMatchThresholds } from '../detectors/listingImages/matchImage.ts';
import type { GalleryIndexes } from '../listingImages/galleryIndexes.ts';
import { acquirePicture } from '../listingImages/settleImage.ts';

export interface AuthenticityPhotoDependencies {
  prisma: PrismaClient;
  galleries: GalleryIndexes;
  /** photo URLs on loopback or private networks (development fixture servers only) */
  allowPrivateNetwork: boolean;
}

/** Other orders' check photos compared with a check's photos, newest first: the same seller's, brand's or listing's. */
export const REUSE_CANDIDATES_MAX = 500;
/** The listing's screenings whose pictures are compared, newest first. */
const LISTING_SCREENINGS_MAX = 5;

const unusableDetector = { id: 'authenticity-photo-intake', version: '1' };

type Fingerprints = { variant: string; hash: Uint8Array }[];
const asFingerprint = (fingerprints: Fingerprints) => ({ fingerprints: fingerprints.map(({ variant, hash }) => ({ variant: variant as FingerprintVariant, hash: Buffer.from(hash) })) });

interface CheckOfPhotos {
  id: string;
  tenantId: string;
  orderId: string;
  sellerId: string;
  listingId: string | null;
  brandKey: string | null;
  claimedCode: string | null;
}

async function settlePendingPhotos({ prisma, allowPrivateNetwork }: AuthenticityPhotoDependencies, checkId: string) {
  const pending = await prisma.authenticityCheckPhoto.findMany({ where: { checkId, status: 'pending', replacedAt: null } });
  const limits = { timeoutMs: AUTHENTICITY_PHOTO_LIMITS.fetchTimeoutMs, maxBytes: AUTHENTICITY_PHOTO_LIMITS.maxBytes, maxPixels: AUTHENTICITY_PHOTO_LIMITS.maxPixels, allowPrivateNetwork };
  // fetched side by side: six slow URLs take one fetch deadline, not six, within the activity's timeout
  await Promise.all(pending.map(async (photo) => {
    const picture = await acquirePicture(photo, limits);
    await prisma.$transaction([
      prisma.authenticityCheckPhotoFingerprint.deleteMany({ where: { photoId: photo.id } }),
      prisma.authenticityCheckPhotoFingerprint.createMany({ data: picture.ok ? picture.fingerprints.map(({ variant, hash }) => ({ photoId: photo.id, tenantId: photo.tenantId, variant, hash: new Uint8Array(hash) })) : [] }),
      prisma.authenticityCheckPhoto.update({
        where: { id: photo.id },
        data: picture.ok
          ? { status: 'stored', bytes: new Uint8Array(picture.bytes), mimeType: picture.mimeType, width: picture.width, height: picture.height, byteSize: picture.bytes.length, sha256: picture.sha256 }
          : { status: 'failed', failure: picture.failure, bytes: null, sha256: null },
      }),
    ]);
  }));
}

/** Photos of other orders' checks and the listing's pictures, each with its fingerprints, to find a reused photo among. */
async function reuseCandidates(prisma: PrismaClient, check: CheckOfPhotos) {
  const related: Prisma.AuthenticityCheckWhereInput[] = [{ sellerId: check.sellerId }];
  if (check.brandKey) related.push({ brandKey: check.brandKey });
  if (check.listingId) related.push({ listingId: check.listingId });
  const otherPhotos = await prisma.authenticityCheckPhoto.findMany({
    where: { tenantId: check.tenantId, status: 'stored', check: { orderId: { not: check.orderId }, OR: related } },
    orderBy: { createdAt: 'desc' },
    take: REUSE_CANDIDATES_MAX,
    select: { checkId: true, sha256: true, fingerprints: { select: { variant: true, hash: true } } },
  });
  const listingPictures = check.listingId
    ? await prisma.listingImage.findMany({
        where: { tenantId: check.tenantId, status: 'stored', screening: { listingId: check.listingId } },
        orderBy: { createdAt: 'desc' },
        take: LISTING_SCREENINGS_MAX * 10,
        select: { screeningId: true, sha256: true, fingerprints: { select: { variant: true, hash: true } } },
      })
    : [];
  return [
    ...otherPhotos.map((photo) => ({ source: 'another_check' as const, otherId: photo.checkId, sha256: photo.sha256, fingerprints: photo.fingerprints })),
    ...listingPictures.map((picture) => ({ source: 'listing' as const, otherId: picture.screeningId, sha256: picture.sha256, fingerprints: picture.fingerprints })),
  ];
}

export interface PhotoExamination {
  signals: Signal[];
  /** a GS1 code read from a photo (check digit right), to look up when the buyer typed none */
  readCode: string | null;
  /** photos sent (stored or not) */
  photos: number;
}

export async function examineAuthenticityPhotos(deps: AuthenticityPhotoDependencies, check: CheckOfPhotos, brandPrintsCodes: boolean): Promise<PhotoExamination> {
  const { prisma, galleries } = deps;
  // photos a reopened check's new ones replaced are kept for the record, not examined again
  if ((await prisma.authenticityCheckPhoto.count({ where: { checkId: check.id, replacedAt: null } })) === 0) return { signals: [], readCode: null, photos: 0 };
  await settlePendingPhotos(deps, check.id);
  const photos = await prisma.authenticityCheckPhoto.findMany({
    where: { checkId: check.id, replacedAt: null },
    orderBy: { position: 'asc' },
    select: { position: true, kind: true, status: true, failure: true, sha256: true, bytes: true, fingerprints: { select: { variant: true, hash: true } } },
  });
  const signals: Signal[] = [];
  const stored: { position: number; kind: AuthenticityPhotoKind; bytes: Buffer; sha256: string | null; fingerprints: Fingerprints }[] = [];
  for (const photo of photos) {
    const kind = photo.kind as AuthenticityPhotoKind;
    if (photo.status === 'stored' && photo.bytes) stored.push({ position: photo.position, kind, bytes: Buffer.from(photo.bytes), sha256: photo.sha256, fingerprints: photo.fingerprints });
    else {
      // damage only found by the worker (a URL that does not answer, a file that does not decode): asked again, never a stuck check
      signals.push(retakeSignal(unusableDetector, 'authenticity.photo_unusable', { position: photo.position, kind }, 'unusable', `The ${kind} photo could not be opened: send it again as a JPEG, PNG or WebP photo`, { failure: photo.failure ?? 'undecodable' }));
    }
  }
  const measured = await Promise.all(
    stored.map(async (photo) => {
      try {
        return { ...photo, measures: await measurePhoto(photo.bytes, AUTHENTICITY_PHOTO_LIMITS.maxPixels), codes: await readCodesInPhoto(photo.bytes, AUTHENTICITY_PHOTO_LIMITS.maxPixels) };
      } catch (error) {
        // a photo that passed intake but breaks a reader would fail every retry: it is asked again instead, the error kept as evidence
        signals.push(retakeSignal(unusableDetector, 'authenticity.photo_unusable', photo, 'unusable', `The ${photo.kind} photo could not be read: take it again`, { failure: 'examination_failed', detail: error instanceof Error ? error.message : String(error) }));
        return null;
      }
    }),
  );
  const examined = measured.filter((photo) => photo !== null);
  const codes = photoCodeSignals({ photos: examined, claimedCode: check.claimedCode, brandPrintsCodes });
  const readPositions = new Set(codes.signals.filter((signal) => signal.code.startsWith('authenticity.photo_code_') && !('retake' in signal.evidence)).map((signal) => signal.evidence.position as number));
  signals.push(...photoQualitySignals(examined.map((photo) => ({ position: photo.position, kind: photo.kind, measures: photo.measures, codeRead: readPositions.has(photo.position) }))));
  signals.push(...codes.signals);

  const gallery = await galleries.forTenant(check.tenantId);
  if (gallery.entries.size > 0) {
    signals.push(...photoGallerySignals(stored.map((photo) => ({ position: photo.position, kind: photo.kind, best: bestGalleryMatch(asFingerprint(photo.fingerprints), gallery.index, defaultImageMatchThresholds) })), gallery.entries));
  }

  // the same file sent with any other order's check of the marketplace (by index), then near copies among the related ones
  const shas = stored.map((photo) => photo.sha256).filter((sha): sha is string => sha !== null);
  const exactRows = shas.length > 0
    ? await prisma.authenticityCheckPhoto.findMany({ where: { tenantId: check.tenantId, sha256: { in: shas }, check: { orderId: { not: check.orderId } } }, orderBy: { createdAt: 'asc' }, select: { sha256: true, checkId: true } })
    : [];
  const earlier = [...exactRows.map((row) => ({ source: 'another_check' as const, otherId: row.checkId, sha256: row.sha256, fingerprints: [] })), ...(await reuseCandidates(prisma, check))];
  signals.push(...photoReuseSignals(findReusedPhotos(stored, earlier)));
  return { signals, readCode: codes.readCode, photos: photos.length };
}
