import { failureView } from '../../../core/capability.ts';
import { AUTHENTICITY_REFUND_REQUESTED_EVENT, authenticityCheckCases, refundIdempotencyKey } from '../../../core/authenticityCheck.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { presentVerdicts, type VerdictView } from '../../../core/verdictView.ts';
import type { AuthenticityCheck, AuthenticityCheckRound } from '../../../prisma/generated/client.ts';
import { retakeRequestsOf } from '../../../workers/detectors/authenticityPhotos/retake.ts';

/** Checks as the API shows them, with their verdicts read in one go. */
export interface CheckLinks {
  publicUrl: string;
  /** the buyer page's link to the check */
  buyerUrl(check: { id: string; createdAt: Date }): string;
}

export async function presentChecks(prisma: PrismaClient, links: CheckLinks, rows: AuthenticityCheck[]) {
  const ids = rows.map((row) => row.id);
  const [verdicts, responses, counterfeits, refunds, photos, rounds] = await Promise.all([
    presentVerdicts(prisma, authenticityCheckCases.subjectType, rows.map((row) => ({ id: row.id, outcome: row.finalOutcome }))),
    prisma.authenticitySellerResponse.findMany({ where: { checkId: { in: ids } }, select: { id: true, checkId: true, round: true, receivedAt: true } }),
    prisma.sellerCounterfeit.findMany({ where: { checkId: { in: ids } }, select: { checkId: true } }),
    prisma.webhookEvent.findMany({ where: { subjectType: authenticityCheckCases.subjectType, subjectId: { in: ids }, type: AUTHENTICITY_REFUND_REQUESTED_EVENT }, select: { id: true, subjectId: true, createdAt: true } }),
    prisma.authenticityCheckPhoto.findMany({
      where: { checkId: { in: ids } },
      orderBy: { position: 'asc' },
      select: { checkId: true, position: true, kind: true, status: true, failure: true, width: true, height: true, replacedAt: true },
    }),
    prisma.authenticityCheckRound.findMany({ where: { checkId: { in: ids } }, orderBy: { round: 'asc' } }),
  ]);
  return assembleChecks(links, rows, { verdicts, responses, counterfeits, refunds, photos, rounds });
}

/** What a check's view shows beside its row, as `presentChecks` reads it. */
export interface CheckParts {
  /** in the rows' order */
  verdicts: VerdictView[];
  responses: { id: string; checkId: string; round: number; receivedAt: Date }[];
  counterfeits: { checkId: string }[];
  refunds: { id: string; subjectId: string; createdAt: Date }[];
  photos: { checkId: string; position: number; kind: string; status: string; failure: string | null; width: number | null; height: number | null; replacedAt: Date | null }[];
  rounds: AuthenticityCheckRound[];
}

/**
 * The views of checks from their rows and parts: what `presentChecks` answers, for a caller that
 * holds them already (a check answered in the transaction that stored it has none of the parts
 * but its verdict).
 */
export function assembleChecks(links: CheckLinks, rows: AuthenticityCheck[], { verdicts, responses, counterfeits, refunds, photos, rounds }: CheckParts) {
  const { publicUrl } = links;
  const responseOf = new Map(responses.map((response) => [`${response.checkId}:${response.round}`, response]));
  /** a round's seller window, with the answer of that round */
  const sellerWindow = (checkId: string, round: number, closesAt: Date | null) => {
    if (!closesAt) return null;
    const response = responseOf.get(`${checkId}:${round}`);
    return { closesAt: closesAt.toISOString(), response: response ? { id: response.id, receivedAt: response.receivedAt.toISOString() } : null };
  };
  const counted = new Set(counterfeits.map((counterfeit) => counterfeit.checkId));
  const refundOf = new Map(refunds.map((refund) => [refund.subjectId, refund]));
  return rows.map((row, index) => ({
    id: row.id,
    orderId: row.orderId,
    buyerId: row.buyerId,
    sellerId: row.sellerId,
    listingId: row.listingId,
    brandKey: row.brandKey,
    claimedCode: row.claimedCode,
    status: row.status,
    verdict: verdicts[index]!,
    photos: photos
      .filter((photo) => photo.checkId === row.id)
      .map(({ checkId: _checkId, replacedAt, ...photo }) => ({ ...photo, replacedAt: replacedAt?.toISOString() ?? null, url: photo.status === 'stored' ? `${publicUrl}/v1/authenticity-checks/${row.id}/photos/${photo.position}` : null })),
    retake: row.finalOutcome === 'retake_requested' ? retakeRequestsOf(verdicts[index]!.signals) : [],
    failure: failureView(row),
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    url: `${publicUrl}/v1/authenticity-checks/${row.id}`,
    buyerUrl: links.buyerUrl(row),
    // a window that ran out is left in the past: only an open one is shown
    photosWindow: row.photosWindowClosesAt && row.photosWindowClosesAt > new Date() ? { closesAt: row.photosWindowClosesAt.toISOString() } : null,
    round: row.round,
    earlierRounds: rounds
      .filter((round) => round.checkId === row.id)
      .map((round) => ({
        round: round.round,
        outcome: round.outcome,
        decidedBy: round.decidedBy,
        completedAt: round.completedAt?.toISOString() ?? null,
        reopenedAt: round.reopenedAt.toISOString(),
        sellerWindow: sellerWindow(row.id, round.round, round.sellerWindowClosesAt),
      })),
    sellerWindow: sellerWindow(row.id, row.round, row.sellerWindowClosesAt),
    actions: {
      refundRequested: refundOf.has(row.id) ? { idempotencyKey: refundIdempotencyKey(row.id), eventId: refundOf.get(row.id)!.id, requestedAt: refundOf.get(row.id)!.createdAt.toISOString() } : null,
      counterfeitRecorded: counted.has(row.id),
      listingRescreeningId: row.listingRescreeningId,
    },
  }));
}

export async function presentCheck(prisma: PrismaClient, links: CheckLinks, id: string, tenantId: string) {
  const row = await prisma.authenticityCheck.findFirst({ where: { id, tenantId } });
  if (!row) return null;
  return (await presentChecks(prisma, links, [row]))[0]!;
}
