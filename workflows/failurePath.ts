/**
 * No dead ends, for every capability: a workflow runs its body inside `withFailurePath`, and when
 * the body fails (an activity failed for good, the workflow was cancelled, workflow code threw an
 * ApplicationFailure) the subject is recorded as `failed` with a reason code and a detail, and the
 * marketplace is told with the capability's `<name>.failed` webhook, before the workflow fails.
 * A termination cannot be caught inside the workflow: core/reconciliation.ts finds those from
 * outside and starts `failureNotice` for the webhook.
 *
 * Only ids and codes pass through here: which table, which event type and what the event says
 * come from the capability's declaration (core/capabilities.ts), read by the activities.
 */
import { ActivityFailure, ApplicationFailure, CancellationScope, TemporalFailure, isCancellation, patched, proxyActivities } from '@temporalio/workflow';
import type { FailureReason } from '../core/capability.ts';
import type { FailureActivities } from '../workers/activities/failures.ts';
import { notifyMarketplace, type WebhookRetrySettings } from './notifyMarketplace.ts';

export interface FailureSubject {
  subjectType: string;
  subjectId: string;
  webhook: WebhookRetrySettings;
}

// Retried until the database answers: a failure that is not recorded would be a dead end again.
const recording = proxyActivities<FailureActivities>({ startToCloseTimeout: '20 seconds', retry: { maximumInterval: '1 minute' } });

/** The reason code and a short detail (activity and failure types, Temporal's message; no personal data). */
export function describeWorkflowFailure(error: TemporalFailure): { reason: FailureReason; detail: string } {
  if (isCancellation(error)) return { reason: 'workflow_cancelled', detail: 'the workflow was cancelled' };
  if (error instanceof ActivityFailure) {
    const cause = error.cause;
    const type = cause instanceof ApplicationFailure && cause.type ? `${cause.type}: ` : '';
    return { reason: 'workflow_failed', detail: `activity ${error.activityType} failed: ${type}${cause?.message ?? error.message}` };
  }
  const type = error instanceof ApplicationFailure && error.type ? `${error.type}: ` : '';
  return { reason: 'workflow_failed', detail: `${type}${error.message}` };
}

/** Records the subject failed (if it was still unfinished) and, when this call changed it, sends the `.failed` webhook. */
async function recordFailure(subject: FailureSubject, error: TemporalFailure): Promise<void> {
  const { reason, detail } = describeWorkflowFailure(error);
  await CancellationScope.nonCancellable(async () => {
    const event = await recording.recordSubjectFailure({ subjectType: subject.subjectType, subjectId: subject.subjectId, reason, detail });
    if (event) await notifyMarketplace(event, subject.webhook);
  });
}

/**
 * Runs a capability's workflow body; on a Temporal failure, records it and notifies before the
 * workflow fails with the same error. Errors that are not Temporal failures (a bug in workflow
 * code) fail the workflow task, not the workflow: Temporal retries the task, nothing to record.
 *
 * `previously`: what this workflow type did on failure before the shared path existed. A history
 * that already took that path replays it (no `shared-failure-path` marker); new failures take the
 * shared one.
 */
export async function withFailurePath<T>(subject: FailureSubject, body: () => Promise<T>, previously?: (error: unknown) => Promise<void>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (previously && !patched('shared-failure-path')) await previously(error);
    else if (error instanceof TemporalFailure) await recordFailure(subject, error);
    throw error;
  }
}

/** Started by reconciliation for a subject it marked failed because its workflow had closed without finishing it. */
export async function failureNotice(subject: FailureSubject): Promise<void> {
  const event = await recording.describeSubjectFailure({ subjectType: subject.subjectType, subjectId: subject.subjectId });
  await notifyMarketplace(event, subject.webhook);
}
