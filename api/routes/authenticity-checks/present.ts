import { failureView } from '../../../core/capability.ts';
import { authenticityCheckCases } from '../../../core/authenticityCheck.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { presentVerdicts } from '../../../core/verdictView.ts';
import type { AuthenticityCheck } from '../../../prisma/generated/client.ts';

/** Checks as the API shows them, with their verdicts read in one go. */
export async function presentChecks(prisma: PrismaClient, publicUrl: string, rows: AuthenticityCheck[]) {
  const verdicts = await presentVerdicts(prisma, authenticityCheckCases.subjectType, rows.map((row) => ({ id: row.id, outcome: row.finalOutcome })));
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
    failure: failureView(row),
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    url: `${publicUrl}/v1/authenticity-checks/${row.id}`,
  }));
}

export async function presentCheck(prisma: PrismaClient, publicUrl: string, id: string, tenantId: string) {
  const row = await prisma.authenticityCheck.findFirst({ where: { id, tenantId } });
  if (!row) return null;
  return (await presentChecks(prisma, publicUrl, [row]))[0]!;
}
