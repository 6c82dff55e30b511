/**
 * Content screening: run the content detectors over one promotional post (script clusters,
 * coordination, disclosure, cadence, praise), let the versioned policy answer clean, label or
 * escalate, and on escalate wait for a moderator (clean, label or a takedown request). Then
 * record the outcome and send the signed `content_screening.completed` webhook.
 *
 * The workflow carries ids and signals only; the post's text stays in PostgreSQL.
 */
import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import { CONTENT_SCREENING_EVENT, contentScreeningCases, type ContentOutcome } from '../core/contentScreening.ts';
import type { ContentScreeningActivities } from '../workers/activities/contentScreening.ts';
import type { WebhookRetrySettings } from './notifyMarketplace.ts';
import { runSubjectWorkflow, type AlreadyEscalated } from './subjectWorkflow.ts';

export interface ContentScreeningInput {
  screeningId: string;
  tenantId: string;
  /** base SLA of a normal-priority case; scaled by priority */
  caseSlaSeconds: number;
  webhook: WebhookRetrySettings;
  /**
   * where the detectors and the verdict run: the bulk queue for the posts of a backfill, so
   * hundreds of them never take the slots of single submissions. Absent (single submissions, and
   * workflows started before it existed): the workflow's own queue. The case review, completion
   * and webhook stay on the workflow's queue.
   */
  screeningTaskQueue?: string;
  /**
   * Set when the post was screened and its escalation recorded already (a backfill's range does
   * both in bulk): the workflow only opens the case, waits for the moderator and completes.
   */
  escalated?: AlreadyEscalated;
}

export interface ContentScreeningResult {
  outcome: ContentOutcome;
  decidedBy: 'policy' | 'moderator';
}

// Database work only; the screening transaction waits at most for other posts of the same script.
const options = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['ContentScreeningNotFound'] },
} satisfies ActivityOptions;
const activities = proxyActivities<ContentScreeningActivities>(options);

const decisionOutcome = (decision: string): ContentOutcome => (decision === 'takedown_request' ? 'takedown_request' : decision === 'label' ? 'label' : 'clean');

/**
 * No dead ends: a screening whose workflow fails is recorded as `failed` (and the marketplace told)
 * before the workflow fails (the same postId may then be sent again). Histories that failed before
 * the shared failure path replay the status-only marking they recorded.
 */
export async function contentScreening(input: ContentScreeningInput): Promise<ContentScreeningResult> {
  const { screeningId } = input;
  const screening = input.screeningTaskQueue ? proxyActivities<ContentScreeningActivities>({ ...options, taskQueue: input.screeningTaskQueue }) : activities;
  return await runSubjectWorkflow<ContentOutcome>({
    cases: contentScreeningCases,
    subjectId: screeningId,
    tenantId: input.tenantId,
    caseSlaSeconds: input.caseSlaSeconds,
    webhook: input.webhook,
    completedEvent: CONTENT_SCREENING_EVENT,
    escalated: input.escalated,
    screen: async (setStage) => {
      const signals = await screening.screenContentPost({ screeningId });
      setStage('deciding');
      const verdict = await screening.recordContentVerdict({ screeningId, signals });
      if (verdict.outcome === 'escalate') return { escalate: true, priority: verdict.priority, sellerId: verdict.sellerId, tenantId: verdict.tenantId };
      return { escalate: false, outcome: verdict.outcome === 'label' ? 'label' : 'clean' };
    },
    markAwaitingReview: () => activities.markContentAwaitingReview({ screeningId }),
    outcomeOf: decisionOutcome,
    complete: async (result, setStage) => {
      await activities.completeContentScreening({ screeningId, ...result });
      setStage('completed');
      return await activities.describeContentScreeningOutcome({ screeningId });
    },
    previouslyOnFailure: async () => {
      await activities.markContentScreeningFailed({ screeningId });
    },
  });
}
