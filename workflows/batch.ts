/**
 * A batch of any capability (a JSON-lines upload stored at intake): screened in ranges of
 * positions, one activity each, so the history grows by a few events per chunk, never per
 * subject; the workflow continues as new after `chunksPerRun` chunks. A wave runs
 * `chunksInFlight` ranges at once (one where detection keeps state from subject to subject): the
 * next range is scheduled as soon as one ends, never after the slowest of a wave.
 * Subjects the policy escalates get their own review-only workflow, told they are screened
 * already: it holds the case, the moderator's decision and the subject's webhook. A range's
 * escalations are started by one activity (the client's starts, with the subjects' own workflow
 * ids, so a retry starts none twice), beside the next ranges. The batch ends with one
 * `<subject type>_batch.completed` webhook.
 *
 * The workflow knows no capability: the input names the subject type (the activities find the
 * capability registered for it), the review workflow type and its settings, and the event.
 *
 * Bulk work: the ranges run on the bulk task queue, so a large batch never queues ahead of
 * another marketplace's single submissions; batches side by side share its slots in turn.
 */
import { ApplicationFailure, CancellationScope, continueAsNew, ParentClosePolicy, patched, proxyActivities, startChild, TemporalFailure, workflowInfo } from '@temporalio/workflow';
import type { FailureActivities } from '../workers/activities/failures.ts';
import type { BatchActivities } from '../workers/activities/batches.ts';
import { describeWorkflowFailure } from './failurePath.ts';
import { notifyMarketplace, type WebhookRetrySettings } from './notifyMarketplace.ts';

export interface BatchInput {
  batchId: string;
  tenantId: string;
  subjectType: string;
  /** positions (1-based, dense) screened by one activity */
  chunkSize: number;
  /** ranges screened at once */
  chunksInFlight: number;
  /** chunks handled before the workflow continues as new */
  chunksPerRun: number;
  /** the last position already handled */
  afterPosition: number;
  /** the batch's last position */
  lastPosition: number;
  bulkTaskQueue: string;
  /**
   * the review-only workflow of an escalated subject: its type and the settings every start
   * shares; and the normal SLA of the cases the ranges open (absent in batches started before
   * ranges opened cases: their review workflows open them); absent for a batch whose lines
   * never escalate (a range of it that escalated one would fail the batch)
   */
  review?: { workflowType: string; settings: Record<string, unknown>; caseSlaSeconds?: number };
  /** the batch's completed webhook */
  completedEvent: string;
  webhook: WebhookRetrySettings;
}

/**
 * A range that fails for good fails the batch: the batch is marked failed with a reason and a
 * detail and the marketplace gets one `<subject type>_batch.failed` webhook; its subjects still
 * unfinished are failed one by one (each with its capability's `.failed` webhook) by
 * reconciliation, which asks the batch's workflow about a subject that has none of its own. A
 * terminated batch cannot get here: core/batchReconciliation.ts ends it from outside.
 */
export async function batch(input: BatchInput): Promise<{ batchId: string }> {
  try {
    return await screenBatch(input);
  } catch (error) {
    if (error instanceof TemporalFailure) {
      await CancellationScope.nonCancellable(async () => {
        // histories from before the batch's failure carried a reason replay the bare call
        if (!patched('batch-failure-webhook')) return void (await bookkeeping.failBatch({ batchId: input.batchId }));
        const event = await bookkeeping.failBatch({ batchId: input.batchId, ...describeWorkflowFailure(error) });
        if (event) await notifyMarketplace(event, input.webhook);
      });
    }
    throw error;
  }
}

// Retried until the database answers, on the workflow's own queue (the bulk queue may be what failed).
const bookkeeping = proxyActivities<FailureActivities>({ startToCloseTimeout: '20 seconds', retry: { maximumInterval: '1 minute' } });

/**
 * Histories recorded before it ran whole waves and started each escalation as a child workflow;
 * runs that have it keep `chunksInFlight` ranges running and start a range's escalations with
 * one activity.
 */
export const RANGES_IN_A_WINDOW = 'batch-ranges-in-a-window';

async function screenBatch(input: BatchInput): Promise<{ batchId: string }> {
  const activities = proxyActivities<BatchActivities>({
    taskQueue: input.bulkTaskQueue,
    // a range may download pictures, a few at a time, each under its own deadline
    startToCloseTimeout: '15 minutes',
    heartbeatTimeout: '2 minutes',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['BatchCapabilityUnknown'] },
  });
  const { batchId, subjectType, lastPosition } = input;
  const { afterPosition, reviewsStarted } = patched(RANGES_IN_A_WINDOW) ? await screenInAWindow(input, activities) : { afterPosition: await screenInWaves(input, activities), reviewsStarted: async () => {} };
  if (afterPosition < lastPosition) {
    await reviewsStarted();
    return await continueAsNew<typeof batch>({ ...input, afterPosition });
  }
  // the counts do not wait for the last escalations' starts; the completed webhook does
  const [data] = await Promise.all([activities.finishBatch({ subjectType, batchId }), reviewsStarted()]);
  await notifyMarketplace({ subjectType: `${subjectType}_batch`, subjectId: batchId, eventType: input.completedEvent, tenantId: input.tenantId, data }, input.webhook);
  return { batchId };
}

type Activities = ReturnType<typeof proxyActivities<BatchActivities>>;

/**
 * One run's ranges, `chunksInFlight` at a time: a range that ends makes room for the next at once.
 * Its escalations' starts go out as one activity. Gives the last position handled, and what
 * resolves once every start is in (thrown there if one failed for good).
 */
async function screenInAWindow(input: BatchInput, activities: Activities): Promise<{ afterPosition: number; reviewsStarted: () => Promise<void> }> {
  const { batchId, subjectType, chunkSize, lastPosition } = input;
  const caseSlaSeconds = input.review?.caseSlaSeconds;
  const inFlight = new Set<Promise<void>>();
  // outcomes, not promises left to reject: a failure is thrown once every start is in
  const reviews: Promise<unknown>[] = [];
  let next = input.afterPosition;
  for (let scheduled = 0; (scheduled < input.chunksPerRun && next < lastPosition) || inFlight.size > 0; ) {
    while (inFlight.size < Math.max(1, input.chunksInFlight) && scheduled < input.chunksPerRun && next < lastPosition) {
      const range = { subjectType, batchId, afterPosition: next, throughPosition: Math.min(next + chunkSize, lastPosition), ...(caseSlaSeconds === undefined ? {} : { caseSlaSeconds }) };
      next = range.throughPosition;
      scheduled += 1;
      const running: Promise<void> = activities.screenBatchRange(range).then(({ escalated }) => {
        inFlight.delete(running);
        if (escalated.length === 0) return;
        if (!input.review) throw ApplicationFailure.nonRetryable(`a ${subjectType} batch has no review workflow for its escalations`, 'BatchReviewMissing');
        const { workflowType, settings } = input.review;
        reviews.push(activities.startBatchReviews({ workflowType, settings, taskQueue: workflowInfo().taskQueue, escalations: escalated }).then(() => null, (error: unknown) => error));
      });
      inFlight.add(running);
    }
    // a range that fails for good fails the batch
    await Promise.race(inFlight);
  }
  const reviewsStarted = async () => {
    const failure = (await Promise.all(reviews)).find((outcome) => outcome !== null);
    if (failure !== undefined) throw failure;
  };
  return { afterPosition: next, reviewsStarted };
}

/** Batches started before RANGES_IN_A_WINDOW: whole waves, and a child workflow start per escalation. */
async function screenInWaves(input: BatchInput, activities: Activities): Promise<number> {
  const { batchId, subjectType, chunkSize, lastPosition } = input;
  let afterPosition = input.afterPosition;
  // review starts are issued with the next wave's ranges and awaited before the run ends
  const reviews: Promise<unknown>[] = [];
  const reviewsStarted = async () => {
    const failure = (await Promise.all(reviews)).find((outcome) => outcome !== null);
    if (failure !== undefined) throw failure;
  };
  for (let chunk = 0; chunk < input.chunksPerRun && afterPosition < lastPosition; ) {
    const wave = Math.max(1, Math.min(input.chunksInFlight, input.chunksPerRun - chunk));
    const starts = Array.from({ length: wave }, (_, index) => afterPosition + index * chunkSize).filter((start) => start < lastPosition);
    const results = await Promise.all(
      starts.map((start) => activities.screenBatchRange({ subjectType, batchId, afterPosition: start, throughPosition: Math.min(start + chunkSize, lastPosition) })),
    );
    chunk += wave;
    afterPosition = Math.min(afterPosition + wave * chunkSize, lastPosition);
    const review = input.review!; // every batch started before RANGES_IN_A_WINDOW had one
    reviews.push(
      ...results.flatMap((result) => result.escalated).map((escalation) =>
        startChild(review.workflowType, {
          workflowId: escalation.workflowId,
          args: [{ ...review.settings, ...escalation.input }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
        }).then(
          () => null,
          (error: unknown) => error, // kept, and thrown once the run's starts are all in
        ),
      ),
    );
  }
  await reviewsStarted();
  return afterPosition;
}
