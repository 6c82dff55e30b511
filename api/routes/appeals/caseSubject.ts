/**
 * Appeals' part of the console's cases: the decision appealed (its statement of reasons, who took
 * it, the subject), and the appellant's own words. The moderator who took the decision appealed
 * may not decide the appeal (`excludedDeciders`).
 */
import { appealCases } from '../../../core/appeal.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { presentStatement } from '../../../core/statementsOfReasons.ts';
import type { CaseSubjectRegistration } from '../../plugins/caseSubjects.ts';

export function appealCaseSubject(prisma: PrismaClient): CaseSubjectRegistration {
  return {
    definition: appealCases,

    async present(appealId, { tenantId }) {
      const appeal = await prisma.appeal.findFirst({ where: { id: appealId, tenantId } });
      if (!appeal) return null;
      const statement = await prisma.statementOfReasons.findUniqueOrThrow({ where: { id: appeal.statementId } });
      const originalCase = statement.caseId ? await prisma.case.findUnique({ where: { id: statement.caseId }, include: { decision: { include: { moderator: { select: { displayName: true } } } } } }) : null;
      return {
        appealId: appeal.id,
        status: appeal.status,
        appellant: { type: appeal.appellantType, id: appeal.appellantId },
        appellantStatement: appeal.statement,
        appealedAt: appeal.createdAt.toISOString(),
        decision: presentStatement(statement),
        originalCase: originalCase
          ? { id: originalCase.id, decision: originalCase.decision?.decision ?? null, note: originalCase.decision?.note ?? null, decidedBy: originalCase.decision?.moderator.displayName ?? null }
          : null,
      };
    },

    async excludedDeciders(appealId) {
      const appeal = await prisma.appeal.findUnique({ where: { id: appealId }, select: { originalDeciderId: true } });
      return appeal?.originalDeciderId ? [appeal.originalDeciderId] : [];
    },

    async sellerHistory(sellerId) {
      const seller = await prisma.seller.findUnique({ where: { id: sellerId }, select: { tenantId: true, externalId: true } });
      if (!seller) return [];
      const rows = await prisma.appeal.findMany({ where: { tenantId: seller.tenantId, appellantType: 'seller', appellantId: seller.externalId }, orderBy: { createdAt: 'desc' }, take: 20 });
      return rows.map((row) => ({ kind: appealCases.subjectType, id: row.id, at: row.createdAt.toISOString(), status: row.status, outcome: row.outcome, summary: `appeal of a ${row.subjectType.replaceAll('_', ' ')} decision` }));
    },
  };
}
