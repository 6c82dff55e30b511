/**
 * Listing screening: fetch the listing's pictures (a refused or broken one becomes a signal),
 * run the text detectors (with any text read from the pictures), let the versioned policy decide
 * allow, block or escalate, and when it escalates wait for a moderator through the shared case
 * review. Then store the final verdict and send the signed `listing_screening.completed` webhook.
 *
 * The workflow holds ids and signals only: the listing's text and pictures stay in PostgreSQL.
 */
import { defineQuery, proxyActivities, setHandler } from '@temporalio/workflow';
import { LISTING_SCREENING_COMPLETED_EVENT, listingScreeningCases } from '../core/listingScreening.ts';
import type { ListingImageTextActivities } from '../workers/activities/listingImageText.ts';
import type { ListingScreeningActivities } from '../workers/activities/listingScreening.ts';
import { reviewCase } from './caseReview.ts';
import type { WebhookRetrySettings } from './notifyMarketplace.ts';
import { notifyMarketplace } from './notifyMarketplace.ts';

export interface ListingScreeningInput {
  screeningId: string;
  tenantId: string;
  /** the heavy queue, where pictures are read (OCR) */
  documentsTaskQueue: string;
  /** base SLA of a normal-priority case; scaled by priority */
  caseSlaSeconds: number;
  webhook: WebhookRetrySettings;
}

export interface ListingScreeningResult {
  verdict: 'allow' | 'block';
  decidedBy: 'policy' | 'moderator';
}

export type ListingScreeningStage = 'screening' | 'deciding' | 'awaiting_review' | 'completing' | 'completed';
export const listingScreeningStageQuery = defineQuery<ListingScreeningStage>('stage');

// Database work and image downloads (each bounded by the outbound fetch deadline).
const activities = proxyActivities<ListingScreeningActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['ListingScreeningNotFound'] },
});

export async function listingScreening(input: ListingScreeningInput): Promise<ListingScreeningResult> {
  const { screeningId } = input;
  let stage: ListingScreeningStage = 'screening';
  setHandler(listingScreeningStageQuery, () => stage);

  await activities.markListingScreening({ screeningId });
  const imageSignals = await activities.fetchListingImages({ screeningId });
  const matchSignals = await activities.matchListingImages({ screeningId });
  let textSignals = await activities.screenListingText({ screeningId });
  // OCR only where it can change the verdict: pictures not read yet, and no block already
  if (await activities.imageTextCouldMatter({ screeningId, signals: [...imageSignals, ...matchSignals, ...textSignals] })) {
    const heavy = proxyActivities<ListingImageTextActivities>({
      taskQueue: input.documentsTaskQueue,
      // three pictures of at most 1200 px, a second or two each
      startToCloseTimeout: '2 minutes',
      retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumAttempts: 5 },
    });
    await heavy.readListingImageText({ screeningId });
    textSignals = await activities.screenListingText({ screeningId });
  }

  stage = 'deciding';
  const verdict = await activities.recordListingVerdict({ screeningId, signals: [...imageSignals, ...matchSignals, ...textSignals] });
  let result: ListingScreeningResult;
  if (verdict.outcome === 'escalate') {
    const review = await reviewCase({
      definition: listingScreeningCases,
      subjectId: screeningId,
      tenantId: input.tenantId,
      sellerId: verdict.sellerId,
      priority: verdict.priority,
      slaSeconds: input.caseSlaSeconds,
      onOpened: async () => {
        await activities.markListingAwaitingReview({ screeningId });
        stage = 'awaiting_review';
      },
    });
    result = { verdict: review.decision.decision === 'block' ? 'block' : 'allow', decidedBy: 'moderator' };
  } else {
    result = { verdict: verdict.outcome === 'block' ? 'block' : 'allow', decidedBy: 'policy' };
  }

  stage = 'completing';
  await activities.completeListingScreening({ screeningId, verdict: result.verdict, decidedBy: result.decidedBy });
  stage = 'completed';
  const event = await activities.describeListingScreeningOutcome({ screeningId });
  await notifyMarketplace({ subjectType: listingScreeningCases.subjectType, subjectId: screeningId, eventType: LISTING_SCREENING_COMPLETED_EVENT, tenantId: input.tenantId, data: event }, input.webhook);
  return result;
}
