/**
 * The photos of one authenticity check, for its screening activity: settles the ones not yet
 * settled (fetched under the outbound rules or checked when sent inline, fingerprinted and stored
 * with their fingerprints, as listing pictures are), then runs the photo detectors: the quality
 * gate, the codes printed on them, the marketplace's gallery, and reuse (another order's check
 * photo, the listing's own pictures). Says which codes came with a copy of another order's check
 * photo, so the item's code is never taken from one.
 */
import type { Prisma } from '../../prisma/generated/client.ts';
import type { PrismaClient } from '../../core/database.ts';
import { AUTHENTICITY_PHOTO_LIMITS, authenticityCheckCases, type AuthenticityPhotoKind } from '../../core/authenticityCheck.ts';
import type { Signal } from '../../core/signals.ts';
import { codesCopiedFromChecks, confirmReusedPhotos, copiesOfSameCodePhotos, findReusedPhotos, measurePhoto, photoCodeSignals, photoGallerySignals, photoQualitySignals, photoReuseSignals, readCodesInPhoto, retakeSignal, type ReusedPhoto, type SameCodePhoto, type UnitCode } from '../detectors/authenticityPhotos/index.ts';
import { readProductCode } from '../detectors/productCodes/parse.ts';
import { bestGalleryMatch, type FingerprintVariant } from '../detectors/listingImages/index.ts';
import { defaultImageMatchThresholds } from '../detectors/listingImages/matchImage.ts';
import type { GalleryIndexes } from '../listingImages/galleryIndexes.ts';
import type { ComparePhotographs } from '../listingImages/imageThreads.ts';
import { acquirePicture } from '../listingImages/settleImage.ts';

export interface AuthenticityPhotoDependencies {
  prisma: PrismaClient;
  galleries: GalleryIndexes;
  /** photo URLs on loopback or private networks (development fixture servers only) */
  allowPrivateNetwork: boolean;
  /** two photos compared aligned: on image threads in a worker, in this thread when not given */
  comparePhotographs?: ComparePhotographs;
}

/** Other orders' check photos compared with a check's photos, newest first: the same seller's, brand's or listing's. */
export const REUSE_CANDIDATES_MAX = 500;
/** Photos of other orders' checks of one code compared aligned with a photo carrying it, newest first (each comparison is about 0.1 s of CPU). */
export const SAME_CODE_PHOTOS_MAX = 6;
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
  /** the brand's GTINs: other checks whose code carries one are of the brand too, whether or not they named it */
  brandGtins?: readonly string[];
  claimedCode: string | null;
  createdAt: Date;
}

/** Fetches (or checks, when sent inline) and fingerprints a check's photos not settled yet; settled ones are left as they are. */
export async function settlePendingPhotos({ prisma, allowPrivateNetwork }: Pick<AuthenticityPhotoDependencies, 'prisma' | 'allowPrivateNetwork'>, checkId: string) {
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

/** Photos of other orders' checks (the same seller's, listing's or brand's, a brand's check known by its name or its code's GTIN) and the listing's pictures, each with its fingerprints, to find a reused photo among. */
async function reuseCandidates(prisma: PrismaClient, check: CheckOfPhotos) {
  const related: Prisma.AuthenticityCheckWhereInput[] = [{ sellerId: check.sellerId }];
  if (check.brandKey) related.push({ brandKey: check.brandKey });
  if (check.brandGtins && check.brandGtins.length > 0) related.push({ codeGtin: { in: [...check.brandGtins] } });
  if (check.listingId) related.push({ listingId: check.listingId });
  const otherPhotos = await prisma.authenticityCheckPhoto.findMany({
    where: { tenantId: check.tenantId, status: 'stored', check: { orderId: { not: check.orderId }, OR: related } },
    orderBy: { createdAt: 'desc' },
    take: REUSE_CANDIDATES_MAX,
    select: { id: true, checkId: true, sha256: true, fingerprints: { select: { variant: true, hash: true } } },
  });
  const listingPictures = check.listingId
    ? await prisma.listingImage.findMany({
        where: { tenantId: check.tenantId, status: 'stored', screening: { listingId: check.listingId } },
        orderBy: { createdAt: 'desc' },
        take: LISTING_SCREENINGS_MAX * 10,
        select: { id: true, screeningId: true, sha256: true, fingerprints: { select: { variant: true, hash: true } } },
      })
    : [];
  return [
    ...otherPhotos.map((photo) => ({ source: 'another_check' as const, otherId: photo.checkId, photoId: photo.id, sha256: photo.sha256, fingerprints: photo.fingerprints })),
    ...listingPictures.map((picture) => ({ source: 'listing' as const, otherId: picture.screeningId, photoId: picture.id, sha256: picture.sha256, fingerprints: picture.fingerprints })),
  ];
}

/** Photos of other orders' checks sent before this one that recorded one of `codes` (with a serial) as their item's code. */
async function sameCodePhotos(prisma: PrismaClient, check: CheckOfPhotos, codes: readonly { raw: string }[]): Promise<SameCodePhoto[]> {
  const units = new Map<string, { gtin: string; serial: string }>();
  for (const read of codes) {
    const reading = readProductCode(read.raw);
    if (reading.ok && reading.code.serial !== null) units.set(`${reading.code.gtin}/${reading.code.serial}`, { gtin: reading.code.gtin, serial: reading.code.serial });
  }
  const found = await Promise.all([...units.values()].map(async ({ gtin, serial }) => {
    const rows = await prisma.authenticityCheckPhoto.findMany({
      where: { tenantId: check.tenantId, status: 'stored', replacedAt: null, bytes: { not: null }, check: { codeGtin: gtin, codeSerial: serial, orderId: { not: check.orderId }, createdAt: { lt: check.createdAt } } },
      orderBy: { createdAt: 'desc' },
      take: SAME_CODE_PHOTOS_MAX,
      select: { checkId: true, kind: true, bytes: true },
    });
    return rows.map((row) => ({ checkId: row.checkId, kind: row.kind, bytes: Buffer.from(row.bytes!), gtin, serial }));
  }));
  return found.flat();
}

/** The bytes of the earlier photo a pairing names: another check's photo or a listing picture. */
async function earlierPhotoBytes(prisma: PrismaClient, pairing: ReusedPhoto): Promise<Buffer | null> {
  if (!pairing.photoId) return null;
  const row = pairing.source === 'listing'
    ? await prisma.listingImage.findUnique({ where: { id: pairing.photoId }, select: { bytes: true } })
    : await prisma.authenticityCheckPhoto.findUnique({ where: { id: pairing.photoId }, select: { bytes: true } });
  return row?.bytes ? Buffer.from(row.bytes) : null;
}

const PHOTO_CODE_READ = ['authenticity.photo_code_read', 'authenticity.photo_code_agrees', 'authenticity.photo_code_mismatch'];

/** The unit codes other checks recorded: the code looked up for each, and every code read from its photos. */
async function codesOfChecks(prisma: PrismaClient, tenantId: string, checkIds: readonly string[]): Promise<Map<string, UnitCode[]>> {
  const codes = new Map<string, UnitCode[]>(checkIds.map((id) => [id, []]));
  if (checkIds.length === 0) return codes;
  const [rows, read] = await Promise.all([
    prisma.authenticityCheck.findMany({ where: { tenantId, id: { in: [...checkIds] } }, select: { id: true, codeGtin: true, codeSerial: true } }),
    prisma.signalRecord.findMany({ where: { tenantId, subjectType: authenticityCheckCases.subjectType, subjectId: { in: [...checkIds] }, code: { in: PHOTO_CODE_READ } }, select: { subjectId: true, evidence: true } }),
  ]);
  for (const row of rows) if (row.codeGtin) codes.get(row.id)!.push({ gtin: row.codeGtin, serial: row.codeSerial });
  for (const signal of read) {
    const evidence = (signal.evidence ?? {}) as Record<string, unknown>;
    if (typeof evidence.gtin === 'string') codes.get(signal.subjectId)?.push({ gtin: evidence.gtin, serial: typeof evidence.serial === 'string' ? evidence.serial : null });
  }
  return codes;
}

export interface PhotoExamination {
  signals: Signal[];
  /**
   * the GS1 codes read from the photos (check digit right), in the photos' order, each with the
   * photo it is on and, when that photo is a copy (sure or unsure) of another order's check photo
   * that carried the same code, that check: the item's code is chosen among them
   */
  codesRead: { raw: string; position: number; copiedFrom: { source: 'another_check'; otherId: string; unsure: boolean } | null }[];
  /** photos sent (stored or not) */
  photos: number;
}

export async function examineAuthenticityPhotos(deps: AuthenticityPhotoDependencies, check: CheckOfPhotos, brandPrintsCodes: boolean): Promise<PhotoExamination> {
  const { prisma, galleries } = deps;
  // photos a reopened check's new ones replaced are kept for the record, not examined again
  if ((await prisma.authenticityCheckPhoto.count({ where: { checkId: check.id, replacedAt: null } })) === 0) return { signals: [], codesRead: [], photos: 0 };
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
  // the fingerprints' pairings, each confirmed by the two photos compared aligned (two labels of one
  // design pair too); sure copies are reuse, an unsure one no evidence of reuse but may still have brought its code with it
  const near = await confirmReusedPhotos(findReusedPhotos(stored, earlier, defaultImageMatchThresholds, { includeUnsure: true }), stored, async (pairing) => await earlierPhotoBytes(prisma, pairing), deps.comparePhotographs);
  // a photo carrying a code another order recorded, paired with nothing: a copy cropped or turned past the fingerprints, or the code photographed anew (a clone)?
  const paired = new Set(near.map((photo) => photo.position));
  const unpairedCodes = codes.readCodes.filter((read) => !paired.has(read.position));
  if (unpairedCodes.length > 0) near.push(...(await copiesOfSameCodePhotos(stored, unpairedCodes, await sameCodePhotos(prisma, check, unpairedCodes), paired, deps.comparePhotographs)));
  signals.push(...photoReuseSignals(near.filter((photo) => !photo.unsure)));
  // a copy of another order's check photo carries that check's code: the codes those checks recorded, to tell a copy from another label of the same design
  const copiedChecks = [...new Set(near.filter((photo) => photo.source === 'another_check' && codes.readCodes.some((read) => read.position === photo.position)).map((photo) => photo.otherId))];
  return { signals, codesRead: codesCopiedFromChecks(codes.readCodes, near, await codesOfChecks(prisma, check.tenantId, copiedChecks)), photos: photos.length };
}
