import type { PrismaClient } from '../../../core/database.ts';
import { listingScreeningCases } from '../../../core/listingScreening.ts';
import type { BatchSubjectRegistration } from '../../plugins/batchSubjects.ts';

/** What the console's batch page shows of a listing batch's listings: listing and seller ids by upload line. */
export function listingScreeningBatchSubject(prisma: PrismaClient): BatchSubjectRegistration {
  return {
    subjectType: listingScreeningCases.subjectType,
    label: listingScreeningCases.label,
    async standing(batchId) {
      const groups = await prisma.listingScreening.groupBy({ by: ['status', 'finalVerdict'], where: { batchId }, _count: { _all: true } });
      return groups.map((group) => ({ status: group.status, verdict: group.finalVerdict, count: group._count._all }));
    },
    async results(batchId, { skip, take, order, status, verdict }) {
      const where = { batchId, ...(status ? { status } : {}), ...(verdict ? { finalVerdict: verdict } : {}) };
      const [rows, total] = await Promise.all([
        prisma.listingScreening.findMany({
          where,
          orderBy: [{ batchLine: order }],
          skip,
          take,
          select: { id: true, batchLine: true, listingId: true, sellerExternalId: true, status: true, finalVerdict: true, completedAt: true },
        }),
        prisma.listingScreening.count({ where }),
      ]);
      return {
        rows: rows.map((row) => ({ id: row.id, line: row.batchLine ?? 0, reference: row.listingId, owner: row.sellerExternalId, status: row.status, verdict: row.finalVerdict, completedAt: row.completedAt })),
        total,
      };
    },
  };
}
