/**
 * Seller vetting: read the identity document (heavy queue), check the business registry,
 * watchlists and linked accounts, let the versioned policy decide, and when it escalates wait
 * for a moderator (raising the case's priority each time its SLA passes). Then record the final
 * outcome and notify the marketplace by signed webhook.
 *
 * The workflow only ever holds ids and signals (which carry no personal data): documents, names
 * and numbers stay encrypted in PostgreSQL, out of Temporal's stored history.
 */
import { CancellationScope, patched, proxyActivities, TemporalFailure } from '@temporalio/workflow';
import { SELLER_VETTING_COMPLETED_EVENT, SELLER_VETTING_FAILED_EVENT, sellerVettingCases } from '../core/sellerVetting.ts';
import type { Signal } from '../core/signals.ts';
import type { DocumentActivities } from '../workers/activities/documents.ts';
import type { SellerVettingActivities } from '../workers/activities/sellerVetting.ts';
import type { VettingFailureActivities } from '../workers/activities/vettingFailures.ts';
import type { WebhookRetrySettings } from './notifyMarketplace.ts';
import { notifyMarketplace } from './notifyMarketplace.ts';
import { describeWorkflowFailure } from './failurePath.ts';
import { runSubjectWorkflow } from './subjectWorkflow.ts';
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

// Short timeouts: these are database calls and one registry request, and a worker that dies
// mid-activity holds the task until its timeout passes.
const activities = proxyActivities<SellerVettingActivities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['VettingNotFound'] },
});

/** No dead ends: a failing vetting is recorded as `failed` (and the marketplace told) before the workflow fails. */
export async function sellerVetting(input: SellerVettingInput): Promise<SellerVettingResult> {
  return await vetSeller(input);
}

// What vettings did on failure before the shared failure path: kept for histories that took it.
const recording = proxyActivities<VettingFailureActivities>({ startToCloseTimeout: '20 seconds', retry: { maximumInterval: '1 minute' } });
const describing = proxyActivities<SellerVettingActivities>({ startToCloseTimeout: '20 seconds', retry: { maximumInterval: '1 minute' } });

async function notifyVettingFailed(input: { vettingId: string; webhook: WebhookRetrySettings }): Promise<void> {
  const event = await describing.describeVettingOutcome({ vettingId: input.vettingId });
  await notifyMarketplace({ subjectType: sellerVettingCases.subjectType, subjectId: input.vettingId, eventType: SELLER_VETTING_FAILED_EVENT, ...event }, input.webhook);
}

async function recordVettingFailure(input: SellerVettingInput, error: unknown): Promise<void> {
  if (!(error instanceof TemporalFailure)) return;
  const { reason, detail } = describeWorkflowFailure(error);
  await CancellationScope.nonCancellable(async () => {
    if (await recording.failVetting({ vettingId: input.vettingId, reason, detail })) await notifyVettingFailed(input);
  });
}

/** The notice workflow reconciliation started before `failureNotice` replaced it; kept for notices still running. */
export async function sellerVettingFailureNotice(input: { vettingId: string; webhook: WebhookRetrySettings }): Promise<void> {
  await notifyVettingFailed(input);
}

async function vetSeller(input: SellerVettingInput): Promise<SellerVettingResult> {
  const { vettingId } = input;
  return await runSubjectWorkflow<'approve' | 'reject'>({
    cases: sellerVettingCases,
    subjectId: vettingId,
    tenantId: input.tenantId,
    caseSlaSeconds: input.caseSlaSeconds,
    webhook: input.webhook,
    completedEvent: SELLER_VETTING_COMPLETED_EVENT,
    screen: async (setStage) => {
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
      setStage('deciding');
      const verdict = await activities.recordVerdict({ vettingId, signals });
      if (verdict.outcome === 'escalate') return { escalate: true, priority: verdict.priority, sellerId: verdict.sellerId, tenantId: verdict.tenantId };
      return { escalate: false, outcome: verdict.outcome === 'approve' ? 'approve' : 'reject' };
    },
    markAwaitingReview: () => activities.markVettingAwaitingReview({ vettingId }),
    outcomeOf: (decision) => (decision === 'approve' ? 'approve' : 'reject'),
    complete: async (result, setStage) => {
      // Approved sellers enter probation before the vetting reads as completed, so a marketplace that
      // sends events on hearing of the approval finds them on probation. Vettings recorded before
      // probation existed replay without it.
      if (result.outcome === 'approve' && patched('seller-probation')) await enterProbation({ vettingId, webhook: input.webhook, caseSlaSeconds: input.caseSlaSeconds });
      await activities.completeVetting({ vettingId, outcome: result.outcome, decidedBy: result.decidedBy });
      setStage('completed');
      return await activities.describeVettingOutcome({ vettingId });
    },
    previouslyOnFailure: (error) => recordVettingFailure(input, error),
  });
}
