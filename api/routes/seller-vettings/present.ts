import { presentSignal } from '../../signalView.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { sellerVettingCases } from '../../../core/sellerVetting.ts';
import type { Prisma } from '../../../prisma/generated/client.ts';

type Reason = { code: string; action: string; severity: string; score: number; summary: string };

/**
 * The API's view of vettings: status, verdict with its reasons and policy, signals, review.
 * Loads any number of vettings in four queries (not four per vetting).
 */
export async function presentVettings(prisma: PrismaClient, publicUrl: string, where: Prisma.SellerVettingWhereInput, take = 50) {
  const vettings = await prisma.sellerVetting.findMany({
    where,
    orderBy: { createdAt: 'desc' },
    take,
    include: { seller: { select: { externalId: true } } },
  });
  const ids = vettings.map((vetting) => vetting.id);
  const bySubject = { subjectType: sellerVettingCases.subjectType, subjectId: { in: ids } };
  const [verdicts, signals, reviews] = await Promise.all([
    prisma.verdictRecord.findMany({ where: bySubject }),
    prisma.signalRecord.findMany({ where: bySubject, orderBy: { createdAt: 'asc' } }),
    prisma.case.findMany({ where: bySubject, include: { decision: true } }),
  ]);
  return vettings.map((vetting) => {
    const verdict = verdicts.find((row) => row.subjectId === vetting.id);
    const review = reviews.find((row) => row.subjectId === vetting.id);
    return {
      id: vetting.id,
      sellerId: vetting.seller.externalId,
      status: vetting.status,
      outcome: vetting.finalOutcome === 'approve' || vetting.finalOutcome === 'reject' ? vetting.finalOutcome : null,
      verdict: verdict
        ? {
            outcome: verdict.outcome,
            score: verdict.score,
            reasons: verdict.reasons as Reason[],
            policy: { key: verdict.policyKey, version: verdict.policyVersion },
            decidedAt: verdict.createdAt.toISOString(),
          }
        : null,
      review: review
        ? { caseId: review.id, status: review.status, priority: review.priority, slaDueAt: review.slaDueAt.toISOString(), decision: review.decision?.decision ?? null }
        : null,
      signals: signals
        .filter((signal) => signal.subjectId === vetting.id)
        .map(presentSignal),
      createdAt: vetting.createdAt.toISOString(),
      updatedAt: vetting.updatedAt.toISOString(),
      completedAt: vetting.completedAt?.toISOString() ?? null,
      url: `${publicUrl}/v1/seller-vettings/${vetting.id}`,
    };
  });
}

/** One vetting of one tenant, or null (another tenant's answers exactly like a missing one). */
export async function presentVetting(prisma: PrismaClient, publicUrl: string, vettingId: string, tenantId: string) {
  const [view] = await presentVettings(prisma, publicUrl, { id: vettingId, tenantId }, 1);
  return view ?? null;
}
