/**
 * A batch of listings (a JSON-lines upload): screened in chunks by one activity each, so the
 * history grows by a few events per chunk, never per listing; the workflow continues as new after
 * a number of chunks. Listings the policy escalates get their own listingScreening workflow (the
 * case and the moderator's decision happen there, and its webhook); the batch ends with one
 * `listing_screening_batch.completed` webhook.
 */
import { continueAsNew, ParentClosePolicy, proxyActivities, startChild } from '@temporalio/workflow';
import { LISTING_SCREENING_BATCH_COMPLETED_EVENT } from '../core/listingScreening.ts';
import type { ListingScreeningBatchActivities } from '../workers/activities/listingScreeningBatch.ts';
import type { ListingScreeningInput } from './listingScreening.ts';
import { listingScreeningWorkflowId } from './names.ts';
import { notifyMarketplace } from './notifyMarketplace.ts';

export interface ListingScreeningBatchInput {
  batchId: string;
  tenantId: string;
  /** settings of the listingScreening workflows started for escalations (screeningId filled per listing) */
  screening: ListingScreeningInput;
  chunkSize: number;
  /** chunks handled before the workflow continues as new */
  chunksPerRun: number;
  /** the last batch line already handled */
  afterLine: number;
}

const activities = proxyActivities<ListingScreeningBatchActivities>({
  // a chunk downloads up to chunkSize listings' pictures, eight at a time, each under its own deadline
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function listingScreeningBatch(input: ListingScreeningBatchInput): Promise<{ batchId: string }> {
  let afterLine = input.afterLine;
  for (let chunk = 0; chunk < input.chunksPerRun; chunk++) {
    const result = await activities.screenBatchChunk({ batchId: input.batchId, afterLine, limit: input.chunkSize });
    for (const screeningId of result.escalated) {
      await startChild('listingScreening', {
        workflowId: listingScreeningWorkflowId(screeningId),
        args: [{ ...input.screening, screeningId }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    }
    if (result.lastLine === null) {
      const data = await activities.completeBatch({ batchId: input.batchId });
      await notifyMarketplace({ subjectType: 'listing_screening_batch', subjectId: input.batchId, eventType: LISTING_SCREENING_BATCH_COMPLETED_EVENT, tenantId: input.tenantId, data }, input.screening.webhook);
      return { batchId: input.batchId };
    }
    afterLine = result.lastLine;
  }
  return await continueAsNew<typeof listingScreeningBatch>({ ...input, afterLine });
}
