/**
 * Seller vetting: read the identity document (heavy queue), check the business registry,
 * watchlists and linked accounts, let the versioned policy decide, and when it escalates wait
 * for a moderator (raising the case's priority each time its SLA passes). Then record the final
 * outcome and notify the marketplace by signed webhook.
 *
 * The workflow only ever holds ids and signals (which carry no personal data): documents, names
 * and numbers stay encrypted in PostgreSQL, out of Temporal's stored history.
 */
import { defineQuery, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import { sellerVettingCases } from '../core/sellerVetting.ts';
import type { Signal } from '../core/signals.ts';
import type { DocumentActivities } from '../workers/activities/documents.ts';
import type { SellerVettingActivities } from '../workers/activities/sellerVetting.ts';
import type { WebhookRetrySettings } from './notifyMarketplace.ts';
import { notifyMarketplace } from './notifyMarketplace.ts';
import { reviewCase } from './caseReview.ts';
import { recordVettingFailure } from './vettingFailure.ts';
import { enterProbation } from './sellerProbation.ts';

export interface SellerVettingInput {
  vettingId: string;
  tenantId: string;
  documentsTaskQueue: string;
  /** base SLA of a normal-priority case; scaled by priority */
  caseSlaSeconds: number;
  webhook: WebhookRetrySettings;
}

export interface SellerVettingResult {
  outcome: 'approve' | 'reject';
  decidedBy: 'policy' | 'moderator';
}

export type VettingStage = 'screening' | 'deciding' | 'awaiting_review' | 'completing' | 'completed';

export const vettingStageQuery = defineQuery<VettingStage>('stage');

// Short timeouts: these are database calls and one registry request, and a worker that dies
// mid-activity holds the task until its timeout passes.
const activities = proxyActivities<SellerVettingActivities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['VettingNotFound'] },
});

/** No dead ends: a failing vetting is recorded as `failed` (and the marketplace told) before the workflow fails. */
export async function sellerVetting(input: SellerVettingInput): Promise<SellerVettingResult> {
  try {
    return await vetSeller(input);
  } catch (error) {
    await recordVettingFailure(input, error);
    throw error;
  }
}

async function vetSeller(input: SellerVettingInput): Promise<SellerVettingResult> {
  const { vettingId } = input;
  let stage: VettingStage = 'screening';
  setHandler(vettingStageQuery, () => stage);

  const documents = proxyActivities<DocumentActivities>({
    taskQueue: input.documentsTaskQueue,
    // OCR of one document takes about a second; the limit only bounds a worker that died.
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumAttempts: 5, nonRetryableErrorTypes: ['VettingNotFound'] },
  });

  await activities.markVettingScreening({ vettingId });
  const documentSignals = await documents.readIdentityDocument({ vettingId });
  // Linked accounts need the document number the document step stored.
  const otherSignals = await Promise.all([
    activities.checkBusinessRegistry({ vettingId }),
    activities.screenWatchlists({ vettingId }),
    activities.findLinkedAccounts({ vettingId }),
  ]);
  const signals: Signal[] = [...documentSignals, ...otherSignals.flat()];

  stage = 'deciding';
  const verdict = await activities.recordVerdict({ vettingId, signals });
  let result: SellerVettingResult;
  if (verdict.outcome === 'escalate') {
    const review = await reviewCase({
      definition: sellerVettingCases,
      subjectId: vettingId,
      tenantId: verdict.tenantId,
      sellerId: verdict.sellerId,
      priority: verdict.priority,
      slaSeconds: input.caseSlaSeconds,
      onOpened: async () => {
        await activities.markVettingAwaitingReview({ vettingId });
        stage = 'awaiting_review';
      },
    });
    stage = 'completing';
    result = { outcome: review.decision.decision === 'approve' ? 'approve' : 'reject', decidedBy: 'moderator' };
  } else {
    result = { outcome: verdict.outcome === 'approve' ? 'approve' : 'reject', decidedBy: 'policy' };
  }

  stage = 'completing';
  // Approved sellers enter probation before the vetting reads as completed, so a marketplace that
  // sends events on hearing of the approval finds them on probation. Vettings recorded before
  // probation existed replay without it.
  if (result.outcome === 'approve' && patched('seller-probation')) await enterProbation({ vettingId, webhook: input.webhook, caseSlaSeconds: input.caseSlaSeconds });
  await activities.completeVetting({ vettingId, outcome: result.outcome, decidedBy: result.decidedBy });
  stage = 'completed';
  const event = await activities.describeVettingOutcome({ vettingId });
  await notifyMarketplace({ subjectType: sellerVettingCases.subjectType, subjectId: vettingId, eventType: 'seller_vetting.completed', ...event }, input.webhook);
  return result;
}
