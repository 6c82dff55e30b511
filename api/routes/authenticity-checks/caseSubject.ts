/**
 * Authenticity checks' part of the console's cases: the order, the seller, the code as sent and
 * what the brand's data said of it, the buyer's photos (attachments, as listing pictures are), the
 * seller's answer within its window and the seller's counterfeit record. The buyer's and the
 * seller's notes are shown as text.
 */
import { AUTHENTICITY_PHOTO_POSITIONS_MAX, authenticityCheckCases } from '../../../core/authenticityCheck.ts';
import type { PrismaClient } from '../../../core/database.ts';
import type { CaseSubjectRegistration } from '../../plugins/caseSubjects.ts';
import { presentSellerResponse } from './sellerResponses.ts';

export function authenticityCheckCaseSubject(prisma: PrismaClient): CaseSubjectRegistration {
  // a case of an earlier round of a reopened check is kept under that round's subject id
  const checkOf = async (subjectId: string) => (await prisma.authenticityCheckRound.findUnique({ where: { subjectId }, select: { checkId: true } }))?.checkId ?? subjectId;
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
  return {
    definition: authenticityCheckCases,
    attachments: photoAttachments,
    async present(subjectId, { tenantId }) {
      const row = await prisma.authenticityCheck.findFirst({
        where: { id: await checkOf(subjectId), tenantId },
        include: { photos: { orderBy: { position: 'asc' }, select: { position: true, kind: true, status: true, failure: true, width: true, height: true, mimeType: true, replacedAt: true } }, rounds: { orderBy: { round: 'asc' }, select: { round: true, subjectId: true, outcome: true, decidedBy: true } } },
      });
      if (!row) return null;
      const earlier = row.codeGtin && row.codeSerial
        ? await prisma.authenticityCheck.findMany({
            where: { tenantId, codeGtin: row.codeGtin, codeSerial: row.codeSerial, id: { not: row.id } },
            orderBy: { createdAt: 'asc' },
            take: 20,
            select: { id: true, orderId: true, sellerId: true, status: true, finalOutcome: true, createdAt: true },
          })
        : [];
      const response = await prisma.authenticitySellerResponse.findUnique({ where: { checkId: row.id } });
      const confirmed = await prisma.sellerCounterfeit.count({ where: { tenantId, sellerId: row.sellerId, confirmedAt: { gte: new Date(Date.now() - 90 * 86_400_000) } } });
      return {
        checkId: row.id,
        orderId: row.orderId,
        sellerId: row.sellerId,
        listingId: row.listingId,
        brandKey: row.brandKey,
        claimedCode: row.claimedCode,
        code: row.codeGtin ? { gtin: row.codeGtin, serial: row.codeSerial } : null,
        buyerNote: row.buyerNote,
        photos: row.photos.map((photo) => ({ ...photo, replacedAt: photo.replacedAt?.toISOString() ?? null, attachment: photo.status === 'stored' ? `check-photo-${photo.position}` : null })),
        status: row.status,
        round: row.round,
        earlierRounds: row.rounds,
        sameCodeElsewhere: earlier.map((other) => ({ ...other, createdAt: other.createdAt.toISOString() })),
        sellerWindowClosesAt: row.sellerWindowClosesAt?.toISOString() ?? null,
        sellerResponse: response ? presentSellerResponse(response) : null,
        sellerCounterfeitsLast90Days: confirmed,
      };
    },
  };
}
