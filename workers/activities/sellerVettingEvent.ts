import type { PrismaClient } from '../../core/database.ts';
import { sellerVettingCases } from '../../core/sellerVetting.ts';

/**
 * The `data` of each event type: ids, outcomes and reasons' codes; never personal data (the
 * marketplace already has it, and webhook bodies end up in many logs). `seller_vetting.completed`
 * and `seller_vetting.failed` share the shape: a failed vetting has `status: "failed"`,
 * `outcome: null` and `failure: { reason, failedAt }` (reason codes in core/vettingFailures.ts).
 */
export async function sellerVettingEvent(prisma: PrismaClient, vettingId: string) {
  const subject = { subjectType: sellerVettingCases.subjectType, subjectId: vettingId };
  const vetting = await prisma.sellerVetting.findUniqueOrThrow({ where: { id: vettingId }, include: { seller: true } });
  const verdict = await prisma.verdictRecord.findUnique({ where: { subjectType_subjectId: subject } });
  const decided = await prisma.case.findUnique({ where: { subjectType_subjectId: subject }, include: { decision: true } });
  return {
    tenantId: vetting.tenantId,
    data: {
      vettingId: vetting.id,
      sellerId: vetting.seller.externalId,
      status: vetting.status,
      outcome: vetting.finalOutcome,
      decidedBy: decided?.decision ? 'moderator' : 'policy',
      automatedVerdict: verdict?.outcome ?? null,
      reasonCodes: ((verdict?.reasons ?? []) as { code: string }[]).map((reason) => reason.code),
      policyVersion: verdict?.policyVersion ?? null,
      completedAt: vetting.completedAt?.toISOString() ?? null,
      failure: vetting.status === 'failed' ? { reason: vetting.failureReason, failedAt: vetting.failedAt?.toISOString() ?? null } : null,
    },
  };
}
