/**
 * An appeal of a restriction (core/appeal.ts): recorded as what it is about, always sent to a
 * moderator other than the one who took the decision appealed (the API refuses that one), and
 * completed with the moderator's outcome, which undoes the restriction when it overturns it; then
 * the signed `appeal.completed` webhook. The shared skeleton does the rest (workflows/subjectWorkflow.ts).
 */
import { proxyActivities } from '@temporalio/workflow';
import { APPEAL_COMPLETED_EVENT, appealCases, type AppealOutcome } from '../core/appeal.ts';
import type { AppealActivities } from '../workers/activities/appeals.ts';
import type { WebhookRetrySettings } from './notifyMarketplace.ts';
import { runSubjectWorkflow } from './subjectWorkflow.ts';

export interface AppealInput {
  appealId: string;
  tenantId: string;
  /** base SLA of a normal-priority case; scaled by priority */
  caseSlaSeconds: number;
  webhook: WebhookRetrySettings;
}

const activities = proxyActivities<AppealActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['AppealNotFound', 'AppealNotUndoable'] },
});

export async function appeal(input: AppealInput): Promise<{ outcome: AppealOutcome; decidedBy: 'policy' | 'moderator' }> {
  const { appealId } = input;
  return await runSubjectWorkflow<AppealOutcome>({
    cases: appealCases,
    subjectId: appealId,
    tenantId: input.tenantId,
    caseSlaSeconds: input.caseSlaSeconds,
    webhook: input.webhook,
    completedEvent: APPEAL_COMPLETED_EVENT,
    screen: async (setStage) => {
      const verdict = await activities.screenAppeal({ appealId });
      setStage('deciding');
      // the policy escalates every appeal; were a version to give anything else, a person still decides
      return { escalate: true, priority: verdict.priority, sellerId: verdict.sellerId, tenantId: verdict.tenantId };
    },
    markAwaitingReview: () => activities.markAppealAwaitingReview({ appealId }),
    outcomeOf: (decision) => (decision === 'overturned' ? 'overturned' : 'upheld'),
    complete: async (result, setStage) => {
      await activities.completeAppeal({ appealId, ...result });
      setStage('completed');
      return await activities.describeAppealOutcome({ appealId });
    },
  });
}
