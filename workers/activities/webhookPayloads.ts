import type { PrismaClient } from '../../core/database.ts';

/**
 * The `data` of each event type: ids, outcomes and reasons' codes; never personal data (the
 * marketplace already has it, and webhook bodies end up in many logs).
 */
export async function buildEventPayload(prisma: PrismaClient, { subjectType, subjectId }: { subjectType: 'seller_vetting'; subjectId: string }) {
  const input = { subjectType, subjectId };
  const vetting = await prisma.sellerVetting.findUniqueOrThrow({ where: { id: input.subjectId }, include: { seller: true } });
  const verdict = await prisma.verdictRecord.findUnique({ where: { subjectType_subjectId: input } });
  const decided = await prisma.case.findUnique({ where: { subjectType_subjectId: input }, include: { decision: true } });
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
