/**
 * A batch of listings (a JSON-lines upload): screened in chunks by one activity each, so the
 * history grows by a few events per chunk, never per listing; the workflow continues as new after
 * a number of chunks. Listings the policy escalates get their own listingScreening workflow, told
 * they are screened already: it only holds the case, the moderator's decision and the listing's
 * webhook. The batch ends with one `listing_screening_batch.completed` webhook.
 *
 * Bulk work: the chunks run on the bulk task queue, and the escalated listings' screening steps
 * too (`screening.screeningTaskQueue`), so a large batch never queues ahead of another
 * marketplace's single submissions. A batch runs `chunksInFlight` chunks at a time: batches
 * running side by side share the bulk worker's slots in turn.
 */
import { CancellationScope, continueAsNew, ParentClosePolicy, proxyActivities, startChild, TemporalFailure } from '@temporalio/workflow';
import { LISTING_SCREENING_BATCH_COMPLETED_EVENT } from '../core/listingScreening.ts';
import type { ChunkResult, ListingScreeningBatchActivities } from '../workers/activities/listingScreeningBatch.ts';
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
  /**
   * The upload's last line holding a listing. When known, chunks are line ranges and several run
   * at once (`chunksInFlight`), so the round trip between one chunk and the next is paid once per
   * wave instead of once per chunk; without it (batches started before), one chunk at a time.
   */
  lastLine?: number;
  chunksInFlight?: number;
  /** the bulk queue the chunks run on; absent in batches started before it existed, which keep the workflow's own queue */
  bulkTaskQueue?: string;
}

/**
 * A chunk that fails for good fails the batch: the batch is marked failed, and its listings still
 * unfinished are failed one by one (each with its `listing_screening.failed` webhook) by
 * reconciliation, which asks the batch's workflow about a listing that has none of its own.
 */
export async function listingScreeningBatch(input: ListingScreeningBatchInput): Promise<{ batchId: string }> {
  try {
    return await screenBatch(input);
  } catch (error) {
    if (error instanceof TemporalFailure) {
      await CancellationScope.nonCancellable(() => batchBookkeeping.markBatchFailed({ batchId: input.batchId }));
    }
    throw error;
  }
}

// Retried until the database answers, on the workflow's own queue (the bulk queue may be what failed).
const batchBookkeeping = proxyActivities<ListingScreeningBatchActivities>({ startToCloseTimeout: '20 seconds', retry: { maximumInterval: '1 minute' } });

async function screenBatch(input: ListingScreeningBatchInput): Promise<{ batchId: string }> {
  const activities = proxyActivities<ListingScreeningBatchActivities>({
    ...(input.bulkTaskQueue ? { taskQueue: input.bulkTaskQueue } : {}),
    // a chunk downloads up to chunkSize listings' pictures, eight at a time, each under its own deadline
    startToCloseTimeout: '15 minutes',
    heartbeatTimeout: '2 minutes',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });
  let afterLine = input.afterLine;
  const reviews: Promise<unknown>[] = [];
  const reviewsStarted = async () => {
    const failure = (await Promise.all(reviews)).find((outcome) => outcome !== null);
    if (failure !== undefined) throw failure;
  };
  for (let chunk = 0; chunk < input.chunksPerRun; ) {
    let results: ChunkResult[];
    if (input.lastLine === undefined) {
      results = [await activities.screenBatchChunk({ batchId: input.batchId, afterLine, limit: input.chunkSize })];
      chunk += 1;
    } else {
      const wave = Math.max(1, Math.min(input.chunksInFlight ?? 1, input.chunksPerRun - chunk));
      const starts = Array.from({ length: wave }, (_, index) => afterLine + index * input.chunkSize).filter((start) => start < input.lastLine!);
      results = await Promise.all(starts.map((start) => activities.screenBatchChunk({ batchId: input.batchId, afterLine: start, limit: input.chunkSize, throughLine: start + input.chunkSize })));
      chunk += wave;
      afterLine = Math.min(afterLine + wave * input.chunkSize, input.lastLine);
    }
    if (input.lastLine === undefined) {
      // batches started before chunks were line ranges: their escalations were ids, started one by one
      for (const entry of results[0]!.escalated as (ChunkResult['escalated'][number] | string)[]) {
        const screeningId = typeof entry === 'string' ? entry : entry.screeningId;
        await startChild('listingScreening', { workflowId: listingScreeningWorkflowId(screeningId), args: [{ ...input.screening, screeningId }], parentClosePolicy: ParentClosePolicy.ABANDON });
      }
    } else reviews.push(
      ...results.flatMap((result) => result.escalated).map(({ screeningId, priority, sellerId }) =>
        startChild('listingScreening', {
          workflowId: listingScreeningWorkflowId(screeningId),
          args: [{ ...input.screening, screeningId, escalated: { priority, sellerId } }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
        }).then(
          () => null,
          (error: unknown) => error, // kept, and thrown once the run's starts are all in
        ),
      ),
    );
    const finished = input.lastLine === undefined ? results[0]!.lastLine === null : afterLine >= input.lastLine;
    if (finished) {
      await reviewsStarted();
      const data = await activities.completeBatch({ batchId: input.batchId });
      await notifyMarketplace({ subjectType: 'listing_screening_batch', subjectId: input.batchId, eventType: LISTING_SCREENING_BATCH_COMPLETED_EVENT, tenantId: input.tenantId, data }, input.screening.webhook);
      return { batchId: input.batchId };
    }
    if (input.lastLine === undefined) afterLine = results[0]!.lastLine!;
  }
  await reviewsStarted();
  return await continueAsNew<typeof listingScreeningBatch>({ ...input, afterLine });
}
