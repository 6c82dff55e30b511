import { contentScreeningCases } from '../../../core/contentScreening.ts';
import type { PrismaClient } from '../../../core/database.ts';
import type { BatchSubjectRegistration } from '../../plugins/batchSubjects.ts';

/** What the console's batch page shows of a content backfill's posts: post and creator ids by upload line. */
export function contentScreeningBatchSubject(prisma: PrismaClient): BatchSubjectRegistration {
  return {
    subjectType: contentScreeningCases.subjectType,
    label: contentScreeningCases.label,
    async standing(batchId) {
      const groups = await prisma.contentScreening.groupBy({ by: ['status', 'finalOutcome'], where: { batchId }, _count: { _all: true } });
      return groups.map((group) => ({ status: group.status, verdict: group.finalOutcome, count: group._count._all }));
    },
    async results(batchId, { skip, take, order, status, verdict }) {
      const where = { batchId, ...(status ? { status } : {}), ...(verdict ? { finalOutcome: verdict } : {}) };
      const [rows, total] = await Promise.all([
        prisma.contentScreening.findMany({
          where,
          orderBy: [{ batchLine: order }],
          skip,
          take,
          select: { id: true, batchLine: true, externalPostId: true, creatorId: true, status: true, finalOutcome: true, completedAt: true },
        }),
        prisma.contentScreening.count({ where }),
      ]);
      return {
        rows: rows.map((row) => ({ id: row.id, line: row.batchLine ?? 0, reference: row.externalPostId, owner: row.creatorId, status: row.status, verdict: row.finalOutcome, completedAt: row.completedAt })),
        total,
      };
    },
  };
}
