/**
 * Case bookkeeping for every capability (workflows/caseReview.ts drives it). Each activity is safe
 * to retry: opening finds the case already there, deciding finds the decision already recorded.
 */
import type { CasePriority } from '../../core/cases.ts';
import type { PrismaClient } from '../../core/database.ts';

export interface OpenCaseInput {
  subjectType: string;
  subjectId: string;
  tenantId: string;
  sellerId: string | null;
  workflowId: string;
  priority: CasePriority;
  slaSeconds: number;
}

export function createCaseActivities({ prisma, clock }: { prisma: PrismaClient; clock: () => Date }) {
  const deadline = (seconds: number) => new Date(clock().getTime() + seconds * 1000);
  return {
    /** Opens the case with the verdict's reasons and the subject's signal codes (for queue filters). */
    async openCase(input: OpenCaseInput): Promise<{ caseId: string }> {
      const subject = { subjectType: input.subjectType, subjectId: input.subjectId };
      const [verdict, signals] = await Promise.all([
        prisma.verdictRecord.findUnique({ where: { subjectType_subjectId: subject }, select: { reasons: true } }),
        prisma.signalRecord.findMany({ where: subject, select: { code: true }, distinct: ['code'] }),
      ]);
      const opened = await prisma.case.upsert({
        where: { subjectType_subjectId: subject },
        create: {
          ...subject,
          tenantId: input.tenantId,
          sellerId: input.sellerId,
          workflowId: input.workflowId,
          priority: input.priority,
          reasons: verdict?.reasons ?? [],
          signalCodes: signals.map((signal) => signal.code),
          slaDueAt: deadline(input.slaSeconds),
        },
        update: {},
      });
      return { caseId: opened.id };
    },

    /** The SLA passed without a decision: the case moves up the queue with a new deadline. */
    async raiseCasePriority(input: { caseId: string; priority: CasePriority; slaSeconds: number }): Promise<void> {
      await prisma.case.update({
        where: { id: input.caseId },
        data: { priority: input.priority, slaDueAt: deadline(input.slaSeconds), slaBreaches: { increment: 1 } },
      });
    },

    /** The workflow took the decision: it is recorded and the case leaves the queues. */
    async recordDecision(input: { caseId: string; decision: string; moderatorId: string; note?: string }): Promise<void> {
      await prisma.$transaction([
        prisma.decision.upsert({
          where: { caseId: input.caseId },
          create: { caseId: input.caseId, moderatorId: input.moderatorId, decision: input.decision, note: input.note },
          update: {},
        }),
        prisma.case.updateMany({
          where: { id: input.caseId, status: 'open' },
          data: { status: 'decided', decidedAt: clock(), claimedById: null, claimExpiresAt: null },
        }),
      ]);
    },
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;
