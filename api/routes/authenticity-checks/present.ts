import { failureView } from '../../../core/capability.ts';
import { authenticityCheckCases } from '../../../core/authenticityCheck.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { presentVerdicts } from '../../../core/verdictView.ts';
import type { AuthenticityCheck } from '../../../prisma/generated/client.ts';
import { retakeRequestsOf } from '../../../workers/detectors/authenticityPhotos/retake.ts';

/** Checks as the API shows them, with their verdicts read in one go. */
export async function presentChecks(prisma: PrismaClient, publicUrl: string, rows: AuthenticityCheck[]) {
  const verdicts = await presentVerdicts(prisma, authenticityCheckCases.subjectType, rows.map((row) => ({ id: row.id, outcome: row.finalOutcome })));
  const photos = await prisma.authenticityCheckPhoto.findMany({
    where: { checkId: { in: rows.map((row) => row.id) } },
    orderBy: { position: 'asc' },
    select: { checkId: true, position: true, kind: true, status: true, failure: true, width: true, height: true },
  });
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
      .map(({ checkId: _checkId, ...photo }) => ({ ...photo, url: photo.status === 'stored' ? `${publicUrl}/v1/authenticity-checks/${row.id}/photos/${photo.position}` : null })),
    retake: row.finalOutcome === 'retake_requested' ? retakeRequestsOf(verdicts[index]!.signals) : [],
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
