import { failureView } from '../../../core/capability.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { sellerVettingCases, vettingOutcome } from '../../../core/sellerVetting.ts';
import { presentVerdicts } from '../../../core/verdictView.ts';
import type { Prisma } from '../../../prisma/generated/client.ts';

/**
 * The API's view of vettings: status and the verdict (core/verdictView.ts).
 * Loads any number of vettings in four queries (not four per vetting).
 */
export async function presentVettings(prisma: PrismaClient, publicUrl: string, where: Prisma.SellerVettingWhereInput, take = 50) {
  const vettings = await prisma.sellerVetting.findMany({
    where,
    orderBy: { createdAt: 'desc' },
    take,
    include: { seller: { select: { externalId: true } } },
  });
  const verdicts = await presentVerdicts(prisma, sellerVettingCases.subjectType, vettings.map((vetting) => ({ id: vetting.id, outcome: vettingOutcome(vetting.finalOutcome) })));
  return vettings.map((vetting, index) => ({
    id: vetting.id,
    sellerId: vetting.seller.externalId,
    status: vetting.status,
    verdict: verdicts[index]!,
    createdAt: vetting.createdAt.toISOString(),
    updatedAt: vetting.updatedAt.toISOString(),
    completedAt: vetting.completedAt?.toISOString() ?? null,
    failure: failureView(vetting),
    url: `${publicUrl}/v1/seller-vettings/${vetting.id}`,
  }));
}

/** One vetting of one tenant, or null (another tenant's answers exactly like a missing one). */
export async function presentVetting(prisma: PrismaClient, publicUrl: string, vettingId: string, tenantId: string) {
  const [view] = await presentVettings(prisma, publicUrl, { id: vettingId, tenantId }, 1);
  return view ?? null;
}
