import type { PrismaClient } from '../../core/database.ts';
import { sellerVettingCases } from '../../core/sellerVetting.ts';

/**
 * The `data` of a vetting's webhook events: ids, outcomes and reasons' codes; never personal data
 * (the marketplace already has it, and webhook bodies end up in many logs).
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
      outcome: vetting.finalOutcome,
      decidedBy: decided?.decision ? 'moderator' : 'policy',
      automatedVerdict: verdict?.outcome ?? null,
      reasonCodes: ((verdict?.reasons ?? []) as { code: string }[]).map((reason) => reason.code),
      policyVersion: verdict?.policyVersion ?? null,
      completedAt: vetting.completedAt?.toISOString() ?? null,
    },
  };
}
