/**
 * An appeal's steps (workflows/appeal.ts): what it is about, as the signals the `appeal` policy
 * reads (it escalates every one); the appeal waiting for a moderator; and the moderator's outcome,
 * which, when it overturns, undoes the restriction in the capability that took it, withdraws the
 * strike and marks the statement of reasons overturned, with the appeal's outcome, in one
 * transaction (a retry finds it done).
 */
import { ApplicationFailure } from '@temporalio/activity';
import { APPEAL_POLICY_KEY, appealCases, appealEvent, shippedAppealPolicy, type AppealOutcome } from '../../core/appeal.ts';
import { capabilities } from '../../core/capabilities.ts';
import type { PrismaClient } from '../../core/database.ts';
import type { Signal } from '../../core/signals.ts';
import { prismaSql, sql } from '../../core/sql.ts';
import type { PolicyRules } from '../policy/policy.ts';
import { recordVerdict } from '../policy/recordVerdict.ts';

const APPEAL_DETECTOR = { id: 'appeal-intake', version: '1' };
const notFound = (appealId: string) => ApplicationFailure.nonRetryable(`no appeal ${appealId}`, 'AppealNotFound');

export function createAppealActivities({ prisma, clock }: { prisma: PrismaClient; clock: () => Date }) {
  async function findAppeal(appealId: string) {
    const appeal = await prisma.appeal.findUnique({ where: { id: appealId } });
    if (!appeal) throw notFound(appealId);
    return appeal;
  }

  return {
    /** What the appeal is about, recorded as its signals and the policy's verdict (always a person's to decide). */
    async screenAppeal({ appealId }: { appealId: string }) {
      await prisma.appeal.updateMany({ where: { id: appealId, status: 'received' }, data: { status: 'screening' } });
      const appeal = await findAppeal(appealId);
      const statement = await prisma.statementOfReasons.findUniqueOrThrow({ where: { id: appeal.statementId } });
      const signals: Signal[] = [
        {
          code: 'appeal.received',
          severity: 'medium',
          score: 0.5,
          summary: `The ${statement.affectedPartyType} appeals “${statement.measureDescription}” (${statement.decidedBy === 'policy' ? 'decided by the policy' : 'decided by a moderator'})`,
          evidence: { statementOfReasonsId: statement.id, measure: statement.measure, decidedBy: statement.decidedBy, appliedAt: statement.appliedAt.toISOString() },
          detector: APPEAL_DETECTOR,
        },
        {
          // for queues: appeals of one capability's decisions are filtered by this code
          code: `appeal.of_${statement.subjectType}`,
          severity: 'info',
          score: 1,
          summary: `An appeal of a ${statement.subjectType.replaceAll('_', ' ')} decision`,
          evidence: { subjectType: statement.subjectType, subjectId: statement.subjectId },
          detector: APPEAL_DETECTOR,
        },
      ];
      const verdict = await recordVerdict(prisma, {
        subjectType: appealCases.subjectType,
        subjectId: appealId,
        tenantId: appeal.tenantId,
        policyKey: APPEAL_POLICY_KEY,
        shippedPolicy: shippedAppealPolicy as PolicyRules,
        signals,
      });
      const seller =
        appeal.appellantType === 'seller'
          ? await prisma.seller.findUnique({ where: { tenantId_externalId: { tenantId: appeal.tenantId, externalId: appeal.appellantId } }, select: { id: true } })
          : null;
      return { outcome: verdict.outcome, priority: verdict.priority, tenantId: appeal.tenantId, sellerId: seller?.id ?? null };
    },

    async markAppealAwaitingReview({ appealId }: { appealId: string }): Promise<void> {
      await prisma.appeal.updateMany({ where: { id: appealId, status: { in: ['received', 'screening'] } }, data: { status: 'awaiting_review' } });
    },

    /** The moderator's outcome; an overturning one undoes the restriction where it was taken. */
    async completeAppeal({ appealId, outcome, decidedBy }: { appealId: string; outcome: AppealOutcome; decidedBy: 'policy' | 'moderator' }): Promise<void> {
      const at = clock();
      await prisma.$transaction(async (tx) => {
        const changed = await tx.appeal.updateMany({ where: { id: appealId, status: { not: 'completed' } }, data: { status: 'completed', outcome, decidedBy, completedAt: at } });
        if (changed.count === 0 || outcome !== 'overturned') return;
        const appeal = await tx.appeal.findUniqueOrThrow({ where: { id: appealId } });
        const statement = await tx.statementOfReasons.findUniqueOrThrow({ where: { id: appeal.statementId } });
        const declaration = capabilities.find((capability) => capability.cases.subjectType === statement.subjectType)?.statements;
        const measure = declaration?.restrictions[statement.decisionKey];
        if (!declaration || !measure) throw ApplicationFailure.nonRetryable(`no capability undoes ${statement.subjectType} ${statement.decisionKey}`, 'AppealNotUndoable');
        await prismaSql(tx).run(sql(declaration.overturn, [statement.subjectId, measure.overturnedOutcome]));
        await tx.statementOfReasons.update({ where: { id: statement.id }, data: { overturnedAt: at, overturnedByAppealId: appealId } });
        await tx.strike.updateMany({ where: { statementId: statement.id, withdrawnAt: null }, data: { withdrawnAt: at, withdrawnReason: `overturned on appeal ${appealId}` } });
      });
    },

    /** The webhook's `data` (core/appeal.ts: the same for `.completed` and `.failed`). */
    async describeAppealOutcome({ appealId }: { appealId: string }) {
      return await appealEvent(prisma, appealId);
    },
  };
}

export type AppealActivities = ReturnType<typeof createAppealActivities>;
