/**
 * Authenticity checks' part of the console's cases: what a moderator needs to settle one. The
 * buyer's photos beside the listing's pictures and the gallery pictures they matched (all
 * attachments, streamed and audited by the shared case route); the code as typed and as read
 * from each photo, each with the brand registry's answer; other orders' checks that sent the same
 * code (clones); the seller's answer within its window and the seller's counterfeit record. The
 * buyer's and the seller's words are data: the console shows them as text. A case of an earlier
 * round of a reopened check is kept under that round's subject id: it shows the check as it is
 * now, with that round's signals.
 */
import { AUTHENTICITY_PHOTO_POSITIONS_MAX, authenticityCheckCases } from '../../../core/authenticityCheck.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { LISTING_LIMITS } from '../../../core/listingScreening.ts';
import { readProductCode } from '../../../workers/detectors/productCodes/parse.ts';
import type { CaseSubjectRegistration } from '../../plugins/caseSubjects.ts';
import { lookUpBrandCode } from './codes.ts';
import { presentSellerResponse } from './sellerResponses.ts';

/** Matched gallery pictures a moderator can open for one check. */
export const MAX_MATCHED_GALLERY_PICTURES = 5;
/** Other checks of the same code shown on the case (the counts are exact). */
const SAME_CODE_SHOWN = 20;
const DAY_MS = 86_400_000;

type Evidence = Record<string, unknown>;
interface StoredSignal {
  code: string;
  severity: string;
  summary: string;
  evidence: Evidence;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
/** The signals of a check whose evidence names one of its photos by position. */
const aboutPhoto = (signal: StoredSignal, position: number) => signal.evidence.position === position;

/** The gallery pictures the check's photo-match signals name: known counterfeits first, then official photos. */
function matchedGalleryIds(signals: StoredSignal[]): string[] {
  const rank = (signal: StoredSignal) => (signal.code === 'authenticity.photo_matches_counterfeit' ? 0 : 1);
  const ids = signals
    .filter((signal) => signal.code === 'authenticity.photo_matches_counterfeit' || signal.code === 'authenticity.photo_matches_official')
    .sort((a, b) => rank(a) - rank(b))
    .map((signal) => text(signal.evidence.galleryImageId))
    .filter((id): id is string => id !== null);
  return [...new Set(ids)].slice(0, MAX_MATCHED_GALLERY_PICTURES);
}

export function authenticityCheckCaseSubject(prisma: PrismaClient): CaseSubjectRegistration {
  /** the check a case's subject is: the check itself, or one of its earlier rounds */
  const checkOf = async (subjectId: string) => (await prisma.authenticityCheckRound.findUnique({ where: { subjectId }, select: { checkId: true } }))?.checkId ?? subjectId;
  const signalsOf = async (checkId: string): Promise<StoredSignal[]> =>
    (await prisma.signalRecord.findMany({ where: { subjectType: authenticityCheckCases.subjectType, subjectId: checkId }, orderBy: { createdAt: 'asc' }, select: { code: true, severity: true, summary: true, evidence: true } }))
      .map((signal) => ({ ...signal, evidence: (signal.evidence ?? {}) as Evidence }));

  /** The order's listing as this marketplace last screened it with pictures: the pictures the buyer's photos are set beside. */
  const listingScreeningOf = async (checkId: string) => {
    const check = await prisma.authenticityCheck.findUnique({ where: { id: checkId }, select: { tenantId: true, listingId: true } });
    if (!check?.listingId) return null;
    return await prisma.listingScreening.findFirst({
      where: { tenantId: check.tenantId, listingId: check.listingId, images: { some: { status: 'stored' } } },
      orderBy: { createdAt: 'desc' },
      select: { id: true, title: true, createdAt: true, images: { where: { status: 'stored' }, orderBy: { position: 'asc' }, select: { position: true, width: true, height: true } } },
    });
  };

  const photoAttachments = Object.fromEntries(
    Array.from({ length: AUTHENTICITY_PHOTO_POSITIONS_MAX }, (_, position) => [
      `check-photo-${position}`,
      async (subjectId: string) => {
        const checkId = await checkOf(subjectId);
        const photo = await prisma.authenticityCheckPhoto.findUnique({ where: { checkId_position: { checkId, position } } });
        if (!photo?.bytes || !photo.mimeType || photo.status !== 'stored') return null;
        return { contentType: photo.mimeType, body: Buffer.from(photo.bytes), auditAction: 'authenticity_check_photo.viewed' };
      },
    ]),
  );
  const listingAttachments = Object.fromEntries(
    Array.from({ length: LISTING_LIMITS.imagesMax }, (_, position) => [
      `listing-picture-${position}`,
      async (subjectId: string) => {
        const screening = await listingScreeningOf(await checkOf(subjectId));
        if (!screening) return null;
        const image = await prisma.listingImage.findUnique({ where: { screeningId_position: { screeningId: screening.id, position } } });
        if (!image?.bytes || !image.mimeType || image.status !== 'stored') return null;
        return { contentType: image.mimeType, body: Buffer.from(image.bytes), auditAction: 'listing_image.viewed' };
      },
    ]),
  );
  const galleryAttachments = Object.fromEntries(
    Array.from({ length: MAX_MATCHED_GALLERY_PICTURES }, (_, index) => [
      `gallery-match-${index}`,
      async (subjectId: string) => {
        const checkId = await checkOf(subjectId);
        const id = matchedGalleryIds(await signalsOf(subjectId))[index];
        const check = id ? await prisma.authenticityCheck.findUnique({ where: { id: checkId }, select: { tenantId: true } }) : null;
        const image = id && check ? await prisma.galleryImage.findFirst({ where: { id, tenantId: check.tenantId } }) : null;
        if (!image?.bytes || !image.mimeType) return null;
        return { contentType: image.mimeType, body: Buffer.from(image.bytes), auditAction: 'gallery_image.viewed' };
      },
    ]),
  );

  return {
    definition: authenticityCheckCases,
    attachments: { ...photoAttachments, ...listingAttachments, ...galleryAttachments },
    async present(subjectId, { tenantId }) {
      const row = await prisma.authenticityCheck.findFirst({
        where: { id: await checkOf(subjectId), tenantId },
        include: {
          photos: { orderBy: { position: 'asc' }, select: { position: true, kind: true, status: true, failure: true, width: true, height: true, mimeType: true, replacedAt: true } },
          rounds: { orderBy: { round: 'asc' }, select: { round: true, subjectId: true, outcome: true, decidedBy: true, sellerWindowClosesAt: true } },
        },
      });
      if (!row) return null;
      // the signals of the round the case is about
      const signals = await signalsOf(subjectId);
      const registry = (gtin: string | null, serial: string | null) =>
        row.brandKey && gtin && serial ? lookUpBrandCode(prisma, tenantId, row.brandKey, gtin, serial).then((answer) => answer?.status ?? null) : Promise.resolve(null);

      // the code as the buyer typed or scanned it, read as GS1 does
      const typed = row.claimedCode ? readProductCode(row.claimedCode) : null;
      const typedCode = row.claimedCode
        ? {
            raw: row.claimedCode,
            gtin: typed?.ok ? typed.code.gtin : null,
            serial: typed?.ok ? typed.code.serial : null,
            batch: typed?.ok ? typed.code.batch : null,
            checkDigitValid: typed?.ok ? typed.code.gtinCheckDigitValid : null,
            problem: typed && !typed.ok ? typed.problem : null,
            registry: typed?.ok ? await registry(typed.code.gtin, typed.code.serial) : null,
          }
        : null;

      // each photo with the code read from it (and the registry's answer for that code) and what the detectors said of it
      const photos = await Promise.all(
        row.photos.map(async (photo) => {
          const own = signals.filter((signal) => aboutPhoto(signal, photo.position));
          const read = own.find((signal) => ['authenticity.photo_code_read', 'authenticity.photo_code_agrees', 'authenticity.photo_code_mismatch', 'authenticity.photo_code_check_digit_invalid'].includes(signal.code));
          const gtin = read ? text(read.evidence.gtin) : null;
          const serial = read ? text(read.evidence.serial) : null;
          return {
            ...photo,
            replacedAt: photo.replacedAt?.toISOString() ?? null,
            attachment: photo.status === 'stored' ? `check-photo-${photo.position}` : null,
            codeRead: read
              ? {
                  format: text(read.evidence.format),
                  gtin,
                  serial,
                  batch: text(read.evidence.batch),
                  agreesWithTyped: read.code === 'authenticity.photo_code_agrees' ? true : read.code === 'authenticity.photo_code_mismatch' ? false : null,
                  checkDigitValid: read.code !== 'authenticity.photo_code_check_digit_invalid',
                  registry: read.code === 'authenticity.photo_code_check_digit_invalid' ? null : await registry(gtin, serial),
                }
              : null,
            findings: own.filter((signal) => signal !== read).map((signal) => ({ code: signal.code, severity: signal.severity, summary: signal.summary })),
          };
        }),
      );

      const listing = await listingScreeningOf(row.id);
      const galleryIds = matchedGalleryIds(signals);
      const gallery = await prisma.galleryImage.findMany({ where: { id: { in: galleryIds }, tenantId }, select: { id: true, label: true, brandKey: true, source: true, width: true, height: true } });
      const galleryMatches = galleryIds.flatMap((id, index) => {
        const image = gallery.find((candidate) => candidate.id === id);
        const matched = signals.filter((signal) => signal.evidence.galleryImageId === id);
        return image
          ? [{ ...image, attachment: `gallery-match-${index}`, photoPositions: [...new Set(matched.map((signal) => signal.evidence.position))], certainty: text(matched[0]?.evidence.certainty) }]
          : [];
      });

      // the same GTIN and serial in other checks of this marketplace: another order's is a clone
      const sameCode = row.codeGtin && row.codeSerial ? { tenantId, codeGtin: row.codeGtin, codeSerial: row.codeSerial, id: { not: row.id } } : null;
      const [others, otherCount] = sameCode
        ? await Promise.all([
            prisma.authenticityCheck.findMany({ where: sameCode, orderBy: { createdAt: 'asc' }, take: SAME_CODE_SHOWN, select: { id: true, orderId: true, buyerId: true, sellerId: true, status: true, finalOutcome: true, createdAt: true } }),
            prisma.authenticityCheck.count({ where: sameCode }),
          ])
        : [[], 0];

      // the round the case is about: an earlier round's case shows that round's seller window and answer
      const earlier = row.rounds.find((round) => round.subjectId === subjectId);
      const caseRound = earlier ? { round: earlier.round, sellerWindowClosesAt: earlier.sellerWindowClosesAt } : { round: row.round, sellerWindowClosesAt: row.sellerWindowClosesAt };
      const response = await prisma.authenticitySellerResponse.findUnique({ where: { checkId_round: { checkId: row.id, round: caseRound.round } } });
      const now = Date.now();
      const [last30Days, last90Days] = await Promise.all(
        [30, 90].map((days) => prisma.sellerCounterfeit.count({ where: { tenantId, sellerId: row.sellerId, confirmedAt: { gte: new Date(now - days * DAY_MS) } } })),
      );
      return {
        checkId: row.id,
        orderId: row.orderId,
        buyerId: row.buyerId,
        sellerId: row.sellerId,
        listingId: row.listingId,
        brandKey: row.brandKey,
        claimedCode: row.claimedCode,
        code: row.codeGtin ? { gtin: row.codeGtin, serial: row.codeSerial } : null,
        typedCode,
        buyerNote: row.buyerNote,
        photos,
        listingPictures: listing
          ? { screeningId: listing.id, title: listing.title, screenedAt: listing.createdAt.toISOString(), pictures: listing.images.map((image) => ({ ...image, attachment: `listing-picture-${image.position}` })) }
          : null,
        galleryMatches,
        status: row.status,
        round: row.round,
        earlierRounds: row.rounds.map(({ sellerWindowClosesAt: _closesAt, ...round }) => round),
        sameCodeElsewhere: others.map(({ buyerId, ...other }) => ({ ...other, sameOrder: other.orderId === row.orderId, sameBuyer: buyerId === row.buyerId, createdAt: other.createdAt.toISOString() })),
        sameCodeElsewhereCount: otherCount,
        sellerWindowClosesAt: caseRound.sellerWindowClosesAt?.toISOString() ?? null,
        sellerResponse: response ? presentSellerResponse(response) : null,
        sellerRecord: { last30Days, last90Days },
      };
    },
  };
}
