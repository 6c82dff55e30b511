/**
 * Batch screening in chunks: one activity screens up to a chunk of a batch's listings (pictures,
 * text detectors, policy), settles those the policy decides alone, and hands back the ones that
 * escalate, for which the batch workflow starts a listingScreening workflow each (the case and
 * its wait live there). Counters on the batch row are its progress.
 */
import { Context } from '@temporalio/activity';
import type { PrismaClient } from '../../core/database.ts';
import type { ListingScreeningActivities } from './listingScreening.ts';

/** Listings screened at once inside a chunk (picture downloads overlap; the detectors are quick). */
const CHUNK_CONCURRENCY = 8;

export interface ChunkResult {
  /** the last batch line handled, to start the next chunk after */
  lastLine: number | null;
  escalated: string[];
}

export function createListingScreeningBatchActivities({ prisma, screening, clock }: { prisma: PrismaClient; screening: ListingScreeningActivities; clock: () => Date }) {
  async function screenOne(screeningId: string): Promise<'escalated' | 'done' | 'failed'> {
    try {
      await screening.markListingScreening({ screeningId });
      const signals = [
        ...(await screening.fetchListingImages({ screeningId })),
        ...(await screening.matchListingImages({ screeningId })),
        ...(await screening.screenListingText({ screeningId })),
      ];
      const verdict = await screening.recordListingVerdict({ screeningId, signals });
      if (verdict.outcome === 'escalate') return 'escalated';
      await screening.completeListingScreening({ screeningId, verdict: verdict.outcome === 'block' ? 'block' : 'allow', decidedBy: 'policy' });
      return 'done';
    } catch {
      // one listing that cannot be screened does not stop the batch: it is counted and marked
      await prisma.listingScreening.updateMany({ where: { id: screeningId, status: { not: 'completed' } }, data: { status: 'failed' } });
      return 'failed';
    }
  }

  return {
    async screenBatchChunk({ batchId, afterLine, limit }: { batchId: string; afterLine: number; limit: number }): Promise<ChunkResult> {
      // a retried chunk skips what an earlier attempt settled (verdicts are recorded once)
      const rows = await prisma.listingScreening.findMany({
        where: { batchId, batchLine: { gt: afterLine } },
        orderBy: { batchLine: 'asc' },
        take: limit,
        select: { id: true, batchLine: true, status: true },
      });
      const pending = rows.filter((row) => row.status === 'received' || row.status === 'screening');
      const escalated: string[] = [];
      let done = 0;
      let failed = 0;
      const queue = [...pending];
      await Promise.all(
        Array.from({ length: CHUNK_CONCURRENCY }, async () => {
          for (let row = queue.shift(); row; row = queue.shift()) {
            const outcome = await screenOne(row.id);
            if (outcome === 'escalated') escalated.push(row.id);
            if (outcome === 'failed') failed++;
            else done++;
            Context.current().heartbeat(row.batchLine);
          }
        }),
      );
      if (done + failed > 0) await prisma.listingScreeningBatch.update({ where: { id: batchId }, data: { done: { increment: done }, failed: { increment: failed } } });
      return { lastLine: rows.at(-1)?.batchLine ?? null, escalated };
    },

    async completeBatch({ batchId }: { batchId: string }): Promise<Record<string, unknown>> {
      const batch = await prisma.listingScreeningBatch.update({ where: { id: batchId }, data: { status: 'completed', completedAt: clock() } });
      const verdicts = await prisma.listingScreening.groupBy({ by: ['finalVerdict'], where: { batchId }, _count: true });
      return {
        batchId,
        total: batch.total,
        done: batch.done,
        failed: batch.failed,
        verdicts: Object.fromEntries(verdicts.map((row) => [row.finalVerdict ?? 'pending', row._count])),
      };
    },
  };
}

export type ListingScreeningBatchActivities = ReturnType<typeof createListingScreeningBatchActivities>;
