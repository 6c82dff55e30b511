/**
 * Seller probation's part of the console's cases. A case's subject is the change that restricted
 * the seller; a moderator sees the metrics that caused it, the probation's metrics now against
 * their limits, the held payouts and every change so far. No personal data: ids, counts, rates.
 */
import type { PrismaClient } from '../../../core/database.ts';
import { sellerProbationCases } from '../../../core/sellerProbation.ts';
import type { CaseSubjectRegistration } from '../../plugins/caseSubjects.ts';
import { presentProbation } from './present.ts';

export function sellerProbationCaseSubject(prisma: PrismaClient): CaseSubjectRegistration {
  return {
    definition: sellerProbationCases,

    async present(changeId, { tenantId }) {
      const change = await prisma.sellerProbationChange.findFirst({ where: { id: changeId, tenantId } });
      if (!change) return null;
      const probation = await prisma.sellerProbation.findUniqueOrThrow({ where: { id: change.probationId }, include: { seller: { select: { externalId: true } } } });
      return {
        restriction: { changeId: change.id, reasons: change.reasons, at: change.at.toISOString(), metrics: change.metrics, policyVersion: change.policyVersion },
        probation: await presentProbation(prisma, probation),
      };
    },

    async sellerHistory(sellerId) {
      const probation = await prisma.sellerProbation.findUnique({ where: { sellerId } });
      if (!probation) return [];
      return [{
        kind: sellerProbationCases.subjectType,
        id: probation.id,
        at: probation.startedAt.toISOString(),
        status: probation.status,
        outcome: probation.endedAt ? probation.status : null,
        summary: `probation under policy version ${probation.policyVersion}, ${probation.extensions} extension(s), ${probation.strikes} strike(s)`,
      }];
    },
  };
}
