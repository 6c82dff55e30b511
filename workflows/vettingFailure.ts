/**
 * No dead ends: a vetting whose workflow fails records why (`failed`, with a reason code) and
 * tells the marketplace with a `seller_vetting.failed` webhook, so the seller can be vetted
 * again. A termination cannot be caught inside the workflow; the API reconciles those from
 * outside and starts `sellerVettingFailureNotice` for the webhook.
 */
import { ActivityFailure, ApplicationFailure, CancellationScope, TemporalFailure, isCancellation, proxyActivities } from '@temporalio/workflow';
import type { VettingFailureReason } from '../core/vettingFailures.ts';
import { sellerVettingCases } from '../core/sellerVetting.ts';
import type { SellerVettingActivities } from '../workers/activities/sellerVetting.ts';
import type { VettingFailureActivities } from '../workers/activities/vettingFailures.ts';
import { notifyMarketplace, type WebhookRetrySettings } from './notifyMarketplace.ts';

export interface VettingFailureInput {
  vettingId: string;
  webhook: WebhookRetrySettings;
}

export const VETTING_FAILED_EVENT = 'seller_vetting.failed';

// Retried until the database answers: a failure that is not recorded would be a dead end again.
const recording = proxyActivities<VettingFailureActivities>({ startToCloseTimeout: '20 seconds', retry: { maximumInterval: '1 minute' } });
const vetting = proxyActivities<SellerVettingActivities>({ startToCloseTimeout: '20 seconds', retry: { maximumInterval: '1 minute' } });

async function notifyFailed(input: VettingFailureInput): Promise<void> {
  const event = await vetting.describeVettingOutcome({ vettingId: input.vettingId });
  await notifyMarketplace({ subjectType: sellerVettingCases.subjectType, subjectId: input.vettingId, eventType: VETTING_FAILED_EVENT, ...event }, input.webhook);
}

/** The reason code and a short detail (activity and failure types, Temporal's message; no personal data). */
export function describeWorkflowFailure(error: TemporalFailure): { reason: VettingFailureReason; detail: string } {
  if (isCancellation(error)) return { reason: 'workflow_cancelled', detail: 'the workflow was cancelled' };
  if (error instanceof ActivityFailure) {
    const cause = error.cause;
    const type = cause instanceof ApplicationFailure && cause.type ? `${cause.type}: ` : '';
    return { reason: 'workflow_failed', detail: `activity ${error.activityType} failed: ${type}${cause?.message ?? error.message}` };
  }
  const type = error instanceof ApplicationFailure && error.type ? `${error.type}: ` : '';
  return { reason: 'workflow_failed', detail: `${type}${error.message}` };
}

/**
 * Called by a vetting workflow that is about to fail with `error`. Errors that are not Temporal
 * failures (a bug in workflow code) fail the workflow task, not the workflow: Temporal retries
 * the task, so there is nothing to record. Runs even when the workflow was cancelled.
 */
export async function recordVettingFailure(input: VettingFailureInput, error: unknown): Promise<void> {
  if (!(error instanceof TemporalFailure)) return;
  const { reason, detail } = describeWorkflowFailure(error);
  await CancellationScope.nonCancellable(async () => {
    const changed = await recording.failVetting({ vettingId: input.vettingId, reason, detail });
    if (changed) await notifyFailed(input);
  });
}

/** Started by the API for a vetting it marked failed because its workflow had closed without finishing it. */
export async function sellerVettingFailureNotice(input: VettingFailureInput): Promise<void> {
  await notifyFailed(input);
}
