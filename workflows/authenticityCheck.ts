/**
 * A buyer's authenticity check: read and look up the code the buyer sent, let the versioned
 * policy answer likely genuine or likely counterfeit, or open a case for a moderator; then record
 * the outcome and send the signed `authenticity_check.completed` webhook. The workflow holds ids
 * and signals only.
 */
import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import { AUTHENTICITY_CHECK_COMPLETED_EVENT, authenticityCheckCases, type AuthenticityOutcome } from '../core/authenticityCheck.ts';
import type { AuthenticityCheckActivities } from '../workers/activities/authenticityCheck.ts';
import type { WebhookRetrySettings } from './notifyMarketplace.ts';
import { runSubjectWorkflow, type SubjectResult } from './subjectWorkflow.ts';

export interface AuthenticityCheckInput {
  checkId: string;
  tenantId: string;
  /** base SLA of a normal-priority case; scaled by priority */
  caseSlaSeconds: number;
  webhook: WebhookRetrySettings;
}

// Database work only.
const options = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['AuthenticityCheckNotFound'] },
} satisfies ActivityOptions;
const activities = proxyActivities<AuthenticityCheckActivities>(options);

const asOutcome = (word: string): AuthenticityOutcome => (word === 'likely_counterfeit' || word === 'retake_requested' ? word : 'likely_genuine');

export async function authenticityCheck(input: AuthenticityCheckInput): Promise<SubjectResult<AuthenticityOutcome>> {
  const { checkId } = input;
  return await runSubjectWorkflow<AuthenticityOutcome>({
    cases: authenticityCheckCases,
    subjectId: checkId,
    tenantId: input.tenantId,
    caseSlaSeconds: input.caseSlaSeconds,
    webhook: input.webhook,
    completedEvent: AUTHENTICITY_CHECK_COMPLETED_EVENT,
    screen: async (setStage) => {
      const verdict = await activities.screenAuthenticityCheck({ checkId });
      setStage('deciding');
      if (verdict.outcome === 'escalate') return { escalate: true, priority: verdict.priority, sellerId: verdict.sellerId, tenantId: verdict.tenantId };
      return { escalate: false, outcome: asOutcome(verdict.outcome) };
    },
    markAwaitingReview: () => activities.markAuthenticityCheckAwaitingReview({ checkId }),
    outcomeOf: asOutcome,
    complete: async (result, setStage) => {
      const event = await activities.completeAuthenticityCheck({ checkId, ...result });
      setStage('completed');
      return event;
    },
  });
}
