import type { PrismaClient } from '../../core/database.ts';

/**
 * Deletes per-request bookkeeping that has served its purpose: idempotency records past their
 * expiry (IDEMPOTENCY_RETENTION_HOURS after they were written) and rate-limit counters whose
 * window ended long ago. One bounded batch per call, so a large backlog never holds a long
 * transaction or lock; the workflow calls again while batches come back full. Timestamps are
 * stored as UTC without a zone (Prisma's convention), hence `now() AT TIME ZONE 'UTC'`.
 */
export function createRequestRecordsPurgeActivities({ prisma }: { prisma: PrismaClient }) {
  return {
    async purgeExpiredIdempotencyRecords({ batchSize }: { batchSize: number }): Promise<number> {
      return await prisma.$executeRaw`
        DELETE FROM idempotency_records WHERE id IN (
          SELECT id FROM idempotency_records WHERE expires_at < (now() AT TIME ZONE 'UTC') ORDER BY expires_at LIMIT ${batchSize}
        )`;
    },

    async purgeStaleRateLimitCounters({ batchSize, olderThanSeconds }: { batchSize: number; olderThanSeconds: number }): Promise<number> {
      return await prisma.$executeRaw`
        DELETE FROM rate_limit_counters WHERE key IN (
          SELECT key FROM rate_limit_counters
          WHERE window_start < (now() AT TIME ZONE 'UTC') - make_interval(secs => ${olderThanSeconds})
          LIMIT ${batchSize}
        )`;
    },

    /**
     * The lines of brands' code imports that ended (completed or failed) more than `olderThanDays`
     * ago: the codes stay in the registry, only the import's line-by-line receipt goes (its
     * batch row and counts stay, its results page reads empty).
     */
    async purgeFinishedCodeImportLines({ batchSize, olderThanDays }: { batchSize: number; olderThanDays: number }): Promise<number> {
      return await prisma.$executeRaw`
        DELETE FROM brand_code_import_lines WHERE (batch_id, position) IN (
          SELECT l.batch_id, l.position FROM batches b JOIN brand_code_import_lines l ON l.batch_id = b.id
          WHERE b.status <> 'running' AND coalesce(b.completed_at, b.failed_at) < (now() AT TIME ZONE 'UTC') - make_interval(days => ${olderThanDays})
          LIMIT ${batchSize}
        )`;
    },
  };
}

export type RequestRecordsPurgeActivities = ReturnType<typeof createRequestRecordsPurgeActivities>;
