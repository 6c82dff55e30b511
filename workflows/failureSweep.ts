/**
 * The sweep of unfinished subjects nobody reads, for every capability on the shared failure path,
 * started by a Temporal Schedule (workers/schedules.ts) every FAILURE_SWEEP_INTERVAL_MINUTES. A
 * terminated workflow cannot record its own end; the API reconciles a subject when it is read, and
 * this sweep catches the rest, so every vetting and screening ends as `failed` (with its webhook)
 * even if nobody asks. Each capability gets at most `maxBatches` bounded batches per run, so one
 * capability's backlog never starves another's; whatever is left waits for the next run. Then the
 * running batches (uploads) quiet as long, in pages the same way: one whose workflow closed without
 * finishing it is failed with its subjects (core/batchReconciliation.ts).
 */
import { patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { FailureActivities, SweepBatch, SweepCursor } from '../workers/activities/failures.ts';
import type { WebhookRetrySettings } from './notifyMarketplace.ts';

const { reconcileUnfinishedSubjects, reconcileRunningBatches } = proxyActivities<FailureActivities>({
  // a batch asks Temporal about each subject (5 s deadline each) and heartbeats between them
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 5 },
});

export interface FailureSweepInput {
  /** the capabilities swept, by subject type (the worker fills in the registered ones) */
  subjectTypes: string[];
  /** only subjects whose row has not changed for this long are checked */
  untouchedForSeconds: number;
  batchSize: number;
  /** per capability and run */
  maxBatches: number;
  webhook: WebhookRetrySettings;
}

/** Per subject type, and the running batches under `batches` (no subject type is named so). */
export type FailureSweepResult = Record<string, { checked: number; failed: number; batches: number }>;
export const SWEPT_BATCHES = 'batches';

export async function sweepUnfinishedSubjects(input: FailureSweepInput): Promise<FailureSweepResult> {
  const result: FailureSweepResult = {};
  for (const subjectType of input.subjectTypes) {
    const swept = { checked: 0, failed: 0, batches: 0 };
    result[subjectType] = swept;
    let after: SweepCursor | null = null;
    do {
      const batch: SweepBatch = await reconcileUnfinishedSubjects({
        subjectType,
        untouchedForSeconds: input.untouchedForSeconds,
        batchSize: input.batchSize,
        after,
        taskQueue: workflowInfo().taskQueue,
        webhook: input.webhook,
      });
      swept.checked += batch.checked;
      swept.failed += batch.failed;
      swept.batches++;
      after = batch.next;
    } while (after && swept.batches < input.maxBatches);
  }
  // running batches whose workflow closed without finishing them (runs recorded before batches were swept skip this)
  if (patched('sweep-batches')) {
    const swept = { checked: 0, failed: 0, batches: 0 };
    result[SWEPT_BATCHES] = swept;
    let after: SweepCursor | null = null;
    do {
      const page: SweepBatch = await reconcileRunningBatches({ untouchedForSeconds: input.untouchedForSeconds, batchSize: input.batchSize, after, taskQueue: workflowInfo().taskQueue, webhook: input.webhook });
      swept.checked += page.checked;
      swept.failed += page.failed;
      swept.batches++;
      after = page.next;
    } while (after && swept.batches < input.maxBatches);
  }
  return result;
}
