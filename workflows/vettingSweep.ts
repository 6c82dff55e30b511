/**
 * The sweep of vettings nobody reads, started by a Temporal Schedule (workers/schedules.ts) every
 * VETTING_SWEEP_INTERVAL_MINUTES. A terminated vetting workflow cannot record its own end; the API
 * reconciles one when its seller is submitted again or it is read, and this sweep catches the rest,
 * so every vetting ends as `failed` (with its webhook) even if nobody asks. Bounded batches per
 * run keep its history small; whatever is left waits for the next run.
 */
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { VettingSweepActivities, VettingSweepBatch, VettingSweepCursor } from '../workers/activities/vettingSweep.ts';
import type { WebhookRetrySettings } from './notifyMarketplace.ts';

const { reconcileUnfinishedVettings } = proxyActivities<VettingSweepActivities>({
  // a batch asks Temporal about each vetting (5 s deadline each) and heartbeats between them
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 5 },
});

export interface VettingSweepInput {
  /** only vettings whose row has not changed for this long are checked */
  untouchedForSeconds: number;
  batchSize: number;
  maxBatches: number;
  webhook: WebhookRetrySettings;
}

export interface VettingSweepResult {
  checked: number;
  failed: number;
  batches: number;
}

export async function sweepUnfinishedVettings(input: VettingSweepInput): Promise<VettingSweepResult> {
  const result: VettingSweepResult = { checked: 0, failed: 0, batches: 0 };
  let after: VettingSweepCursor | null = null;
  do {
    const batch: VettingSweepBatch = await reconcileUnfinishedVettings({ untouchedForSeconds: input.untouchedForSeconds, batchSize: input.batchSize, after, taskQueue: workflowInfo().taskQueue, webhook: input.webhook });
    result.checked += batch.checked;
    result.failed += batch.failed;
    result.batches++;
    after = batch.next;
  } while (after && result.batches < input.maxBatches);
  return result;
}
