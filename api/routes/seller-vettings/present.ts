import type { PrismaClient } from '../../../core/database.ts';

const subjectOf = (id: string) => ({ subjectType: 'seller_vetting' as const, subjectId: id });

/** The API's view of a vetting: status, verdict with its reasons and policy, signals, review. */
export async function presentVetting(prisma: PrismaClient, publicUrl: string, vettingId: string, tenantId: string) {
  const vetting = await prisma.sellerVetting.findFirst({ where: { id: vettingId, tenantId }, include: { seller: { select: { externalId: true } } } });
  if (!vetting) return null;
  const [verdict, signals, review] = await Promise.all([
    prisma.verdictRecord.findUnique({ where: { subjectType_subjectId: subjectOf(vettingId) } }),
    prisma.signalRecord.findMany({ where: subjectOf(vettingId), orderBy: { createdAt: 'asc' } }),
    prisma.case.findUnique({ where: { subjectType_subjectId: subjectOf(vettingId) }, include: { decision: true } }),
  ]);
  return {
    id: vetting.id,
    sellerId: vetting.seller.externalId,
    status: vetting.status,
    outcome: vetting.finalOutcome === 'approve' || vetting.finalOutcome === 'reject' ? vetting.finalOutcome : null,
    verdict: verdict && {
      outcome: verdict.outcome,
      score: verdict.score,
      reasons: verdict.reasons as { code: string; action: string; severity: string; score: number; summary: string }[],
      policy: { key: verdict.policyKey, version: verdict.policyVersion },
      decidedAt: verdict.createdAt.toISOString(),
    },
    review: review && {
      caseId: review.id,
      status: review.status,
      priority: review.priority,
      slaDueAt: review.slaDueAt.toISOString(),
      decision: review.decision?.outcome ?? null,
    },
    signals: signals.map((signal) => ({
      code: signal.code,
      severity: signal.severity,
      score: signal.score,
      summary: signal.summary,
      evidence: signal.evidence as Record<string, unknown>,
      detector: { id: signal.detectorId, version: signal.detectorVersion },
    })),
    createdAt: vetting.createdAt.toISOString(),
    updatedAt: vetting.updatedAt.toISOString(),
    completedAt: vetting.completedAt?.toISOString() ?? null,
    url: `${publicUrl}/v1/seller-vettings/${vetting.id}`,
  };
}
