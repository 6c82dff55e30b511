/**
 * Purge of expired request records, started by a Temporal Schedule (workers/schedules.ts) every
 * IDEMPOTENCY_PURGE_INTERVAL_MINUTES. Deletes in batches until a batch comes back short; the
 * number of batches per run is bounded so one run (and its history) stays small, and whatever
 * is left waits for the next run.
 */
import { patched, proxyActivities } from '@temporalio/workflow';
import type { RequestRecordsPurgeActivities } from '../workers/activities/requestRecordsPurge.ts';

const { purgeExpiredIdempotencyRecords, purgeStaleRateLimitCounters, purgeFinishedCodeImportLines } = proxyActivities<RequestRecordsPurgeActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 5 },
});

export interface RequestRecordsPurgeInput {
  batchSize: number;
  maxBatches: number;
  /**
   * counters of windows that ended longer ago than this are deleted (windows last a minute); keep
   * it at least an hour, how long a console login lockout's row must live (api/auth/loginLockout.ts)
   */
  rateLimitCountersOlderThanSeconds: number;
  /** the line-by-line receipts of brands' code imports that ended longer ago than this go (their codes stay) */
  codeImportLinesOlderThanDays?: number;
}

export interface RequestRecordsPurgeResult {
  idempotencyRecords: number;
  rateLimitCounters: number;
  codeImportLines?: number;
  batches: number;
}

export const defaultRequestRecordsPurge: RequestRecordsPurgeInput = { batchSize: 1000, maxBatches: 100, rateLimitCountersOlderThanSeconds: 3600, codeImportLinesOlderThanDays: 30 };

/** Runs recorded before import lines were purged did not purge them. */
export const PURGE_CODE_IMPORT_LINES = 'purge-code-import-lines';

export async function purgeRequestRecords(input: RequestRecordsPurgeInput = defaultRequestRecordsPurge): Promise<RequestRecordsPurgeResult> {
  const result: RequestRecordsPurgeResult = { idempotencyRecords: 0, rateLimitCounters: 0, batches: 0 };
  /** Deletes batch after batch until one comes back short or maxBatches ran; the rows it deleted. */
  const drain = async (purgeBatch: () => Promise<number>): Promise<number> => {
    let total = 0;
    for (let batch = 0; batch < input.maxBatches; batch++) {
      const deleted = await purgeBatch();
      total += deleted;
      result.batches++;
      if (deleted < input.batchSize) break;
    }
    return total;
  };
  const { batchSize } = input;
  result.idempotencyRecords = await drain(() => purgeExpiredIdempotencyRecords({ batchSize }));
  result.rateLimitCounters = await drain(() => purgeStaleRateLimitCounters({ batchSize, olderThanSeconds: input.rateLimitCountersOlderThanSeconds }));
  const olderThanDays = input.codeImportLinesOlderThanDays;
  if (olderThanDays !== undefined && patched(PURGE_CODE_IMPORT_LINES)) {
    result.codeImportLines = await drain(() => purgeFinishedCodeImportLines({ batchSize, olderThanDays }));
  }
  return result;
}
