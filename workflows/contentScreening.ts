/**
 * Content screening: run the content detectors over one promotional post (script clusters,
 * coordination, disclosure, cadence, praise), let the versioned policy answer clean, label or
 * escalate, and on escalate wait for a moderator (clean, label or a takedown request). Then
 * record the outcome and send the signed `content_screening.completed` webhook.
 *
 * The workflow carries ids and signals only; the post's text stays in PostgreSQL.
 */
import { defineQuery, proxyActivities, setHandler } from '@temporalio/workflow';
import { CONTENT_SCREENING_EVENT, contentScreeningCases, type ContentOutcome } from '../core/contentScreening.ts';
import type { ContentScreeningActivities } from '../workers/activities/contentScreening.ts';
import { reviewCase } from './caseReview.ts';
import { notifyMarketplace, type WebhookRetrySettings } from './notifyMarketplace.ts';

export interface ContentScreeningInput {
  screeningId: string;
  tenantId: string;
  /** base SLA of a normal-priority case; scaled by priority */
  caseSlaSeconds: number;
  webhook: WebhookRetrySettings;
}

export interface ContentScreeningResult {
  outcome: ContentOutcome;
  decidedBy: 'policy' | 'moderator';
}

export type ContentScreeningStage = 'screening' | 'deciding' | 'awaiting_review' | 'completing' | 'completed';

export const contentScreeningStageQuery = defineQuery<ContentScreeningStage>('stage');

// Database work only; the screening transaction waits at most for other posts of the same script.
const activities = proxyActivities<ContentScreeningActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['ContentScreeningNotFound'] },
});

const decisionOutcome = (decision: string): ContentOutcome => (decision === 'takedown_request' ? 'takedown_request' : decision === 'label' ? 'label' : 'clean');

/** No dead ends: a screening whose workflow fails is marked `failed` before the workflow fails (the same postId may then be sent again). */
export async function contentScreening(input: ContentScreeningInput): Promise<ContentScreeningResult> {
  try {
    return await screenContent(input);
  } catch (error) {
    await activities.markContentScreeningFailed({ screeningId: input.screeningId });
    throw error;
  }
}

async function screenContent(input: ContentScreeningInput): Promise<ContentScreeningResult> {
  const { screeningId } = input;
  let stage: ContentScreeningStage = 'screening';
  setHandler(contentScreeningStageQuery, () => stage);

  const signals = await activities.screenContentPost({ screeningId });
  stage = 'deciding';
  const verdict = await activities.recordContentVerdict({ screeningId, signals });
  let result: ContentScreeningResult;
  if (verdict.outcome === 'escalate') {
    const review = await reviewCase({
      definition: contentScreeningCases,
      subjectId: screeningId,
      tenantId: verdict.tenantId,
      sellerId: verdict.sellerId,
      priority: verdict.priority,
      slaSeconds: input.caseSlaSeconds,
      onOpened: async () => {
        await activities.markContentAwaitingReview({ screeningId });
        stage = 'awaiting_review';
      },
    });
    result = { outcome: decisionOutcome(review.decision.decision), decidedBy: 'moderator' };
  } else {
    result = { outcome: verdict.outcome === 'label' ? 'label' : 'clean', decidedBy: 'policy' };
  }

  stage = 'completing';
  await activities.completeContentScreening({ screeningId, ...result });
  stage = 'completed';
  const event = await activities.describeContentScreeningOutcome({ screeningId });
  await notifyMarketplace({ subjectType: contentScreeningCases.subjectType, subjectId: screeningId, eventType: CONTENT_SCREENING_EVENT, ...event }, input.webhook);
  return result;
}
