/**
 * Batch screening in chunks: one activity screens a chunk of a batch's listings in bulk. The
 * orchestration must cost less than the detection, so a chunk reads its listings, the brand
 * catalog, the policy and the gallery index once, runs every pure detector in process, records
 * all verdicts in one transaction and settles every listing the policy decides alone with a few
 * statements (verdicts and settled listings in one transaction); only the escalations go back to
 * the workflow, which has a listingScreening workflow started for each (the case and the
 * moderator's wait live there). Pictures are the I/O: they
 * are fetched and fingerprinted a few at a time. Counters on the batch row are its progress,
 * updated in the same transaction as the listings they count, so a retried chunk counts once.
 *
 * The listing capability of the batch path (workers/batches/capability.ts): its positions are the
 * upload's lines. `screenBatchChunk` and `completeBatch` stay for the `listingScreeningBatch`
 * workflows started before batches shared one workflow.
 */
import { Context } from '@temporalio/activity';
import pLimit from 'p-limit';
import { failureColumns } from '../../core/capability.ts';
import type { CasePriority } from '../../core/cases.ts';
import type { PrismaClient } from '../../core/database.ts';
import { brandEntryOf, LISTING_SCREENING_POLICY_KEY, listingScreeningCases } from '../../core/listingScreening.ts';
import type { Signal } from '../../core/signals.ts';
import { screenListingText } from '../detectors/listingText/screenListingText.ts';
import type { GalleryIndexes } from '../listingImages/galleryIndexes.ts';
import type { FingerprintPicture } from '../listingImages/fingerprintThreads.ts';
import { settleListingImage } from '../listingImages/settleImage.ts';
import type { PolicyRules } from '../policy/policy.ts';
import shippedListingScreeningPolicy from '../policy/listingScreeningPolicy.v1.json' with { type: 'json' };
import { prepareVerdicts } from '../policy/recordVerdict.ts';
import { listingScreeningWorkflowId } from '../../workflows/names.ts';
import type { BatchCapability, BatchRange } from '../batches/capability.ts';
import { errorMessage } from './errors.ts';
import { galleryMatchSignals, imageUnavailable, listingParameters, listingTextOf } from './listingScreening.ts';

/** Pictures fetched and fingerprinted at once inside a chunk (downloads overlap; hashing is CPU, on the fingerprint threads). */
const IMAGE_CONCURRENCY = 8;

export interface ChunkResult {
  /** the last batch line handled, to start the next chunk after */
  lastLine: number | null;
  /** the listings the policy escalated, with what their review needs (screened and recorded already) */
  escalated: { screeningId: string; priority: CasePriority; sellerId: string | null }[];
}

export interface ListingScreeningBatchDependencies {
  prisma: PrismaClient;
  galleries: GalleryIndexes;
  allowPrivateNetwork: boolean;
  clock: () => Date;
  /** hashes a picture; the bulk worker's fingerprint threads, so a range's pictures use every core */
  fingerprint?: FingerprintPicture;
}

interface ListingRange {
  batchId: string;
  afterLine: number;
  limit: number;
  throughLine?: number;
  countProgress: BatchRange['countProgress'];
}

/** Screens a batch's listings after `afterLine`: at most `limit`, and none past `throughLine` when given (a line range). */
function createListingRangeScreener({ prisma, galleries, allowPrivateNetwork, clock, fingerprint }: ListingScreeningBatchDependencies) {
  const logFailure = (message: string, detail: Record<string, unknown>) => Context.current().log.warn(message, detail);
  return async function screenListingRange({ batchId, afterLine, limit, throughLine, countProgress }: ListingRange): Promise<ChunkResult> {
    const rows = await prisma.listingScreening.findMany({
      where: { batchId, batchLine: { gt: afterLine, ...(throughLine === undefined ? {} : { lte: throughLine }) } },
      orderBy: { batchLine: 'asc' },
      take: limit,
      include: { images: { orderBy: { position: 'asc' }, select: { id: true, tenantId: true, position: true, status: true, failure: true, sourceUrl: true, bytes: true, ocrText: true } } },
    });
    const lastLine = rows.at(-1)?.batchLine ?? null;
    // a retried chunk skips what an earlier attempt settled (verdicts are recorded once); an
    // escalation it handed over (its own workflow named) goes back for its start, uncounted
    const pending = rows.filter((row) => row.status === 'received' || row.status === 'screening');
    if (pending.length === 0) return { lastLine, escalated: [] };
    const handedOver = new Set(pending.filter((row) => row.workflowId === listingScreeningWorkflowId(row.id)).map((row) => row.id));

    const tenantId = pending[0]!.tenantId;
    const [parameters, brands] = await Promise.all([listingParameters(prisma), prisma.brand.findMany({ where: { tenantId } })]);
    const failed = new Set<string>();

    // Pictures first: the only I/O per listing.
    const limits = { timeoutMs: parameters.imageFetchTimeoutMs, maxBytes: parameters.imageMaxBytes, maxPixels: parameters.imageMaxPixels, allowPrivateNetwork };
    const withImages = pending.filter((row) => row.images.length > 0);
    const limitImages = pLimit(IMAGE_CONCURRENCY);
    await Promise.all(
      withImages.flatMap((row) =>
        row.images
          .filter((image) => image.status === 'pending')
          .map((image) =>
            limitImages(async () => {
              try {
                await settleListingImage(prisma, image, limits, fingerprint);
              } catch (error) {
                failed.add(row.id);
                logFailure('listing picture could not be settled', { batchId, screeningId: row.id, error: errorMessage(error) });
              }
              Context.current().heartbeat(row.batchLine);
            }),
          ),
      ),
    );
    const settledImages = withImages.length
      ? await prisma.listingImage.findMany({
          where: { screeningId: { in: withImages.map((row) => row.id) } },
          orderBy: { position: 'asc' },
          select: { screeningId: true, position: true, status: true, failure: true, sourceUrl: true, fingerprints: { select: { variant: true, hash: true } } },
        })
      : [];
    const gallery = settledImages.some((image) => image.status === 'stored') ? await galleries.forTenant(tenantId) : undefined;

    // Every detector in process.
    const brandEntries = brands.map(brandEntryOf);
    const subjects: { subjectId: string; tenantId: string; signals: Signal[] }[] = [];
    for (const row of pending) {
      if (failed.has(row.id)) continue;
      try {
        const images = settledImages.filter((image) => image.screeningId === row.id);
        const signals = [
          ...images.filter((image) => image.status === 'failed').map((image) => imageUnavailable(image.position, image.failure ?? 'undecodable', null, image.sourceUrl)),
          ...(gallery ? galleryMatchSignals(images.filter((image) => image.status === 'stored'), gallery, brands, row.sellerExternalId) : []),
          ...screenListingText(listingTextOf(row), brandEntries, parameters).signals,
        ];
        subjects.push({ subjectId: row.id, tenantId, signals });
      } catch (error) {
        failed.add(row.id);
        logFailure('listing could not be screened', { batchId, screeningId: row.id, error: errorMessage(error) });
      }
    }
    Context.current().heartbeat(lastLine);
    const { verdicts, writes: verdictWrites } = await prepareVerdicts(prisma, {
      subjectType: listingScreeningCases.subjectType,
      policyKey: LISTING_SCREENING_POLICY_KEY,
      shippedPolicy: shippedListingScreeningPolicy as PolicyRules,
      subjects,
    });

    // Record and settle in one transaction: the verdicts, the policy's own decisions, the
    // escalations handed to their workflows, the failures, and the counters.
    const idsWith = (outcome: string) => subjects.filter((subject) => verdicts.get(subject.subjectId)?.outcome === outcome).map((subject) => subject.subjectId);
    const escalatedIds = idsWith('escalate');
    // the console shows a seller's history from our seller row, which exists once the seller was vetted
    const escalatedRows = pending.filter((row) => escalatedIds.includes(row.id));
    const sellers = escalatedRows.length
      ? await prisma.seller.findMany({ where: { tenantId, externalId: { in: [...new Set(escalatedRows.map((row) => row.sellerExternalId))] } }, select: { id: true, externalId: true } })
      : [];
    const escalated = escalatedRows.map((row) => ({
      screeningId: row.id,
      priority: verdicts.get(row.id)!.priority,
      sellerId: sellers.find((seller) => seller.externalId === row.sellerExternalId)?.id ?? null,
    }));
    const completedAt = clock();
    const settle = (ids: string[], verdict: 'allow' | 'block') =>
      prisma.listingScreening.updateMany({ where: { id: { in: ids }, status: { not: 'completed' } }, data: { status: 'completed', finalVerdict: verdict, decidedBy: 'policy', completedAt } });
    const allowed = idsWith('allow');
    const blocked = idsWith('block');
    const handOver = escalated.filter(({ screeningId }) => !handedOver.has(screeningId)).map(({ screeningId }) => ({ id: screeningId, workflow_id: listingScreeningWorkflowId(screeningId) }));
    await prisma.$transaction([
      ...verdictWrites,
      ...(allowed.length > 0 ? [settle(allowed, 'allow')] : []),
      ...(blocked.length > 0 ? [settle(blocked, 'block')] : []),
      ...(failed.size > 0
        ? [
            prisma.listingScreening.updateMany({
              where: { id: { in: [...failed] }, status: { not: 'completed' } },
              data: failureColumns({ reason: 'screening_failed', detail: `batch ${batchId} could not screen this listing (see the worker's log)`, at: completedAt }),
            }),
          ]
        : []),
      // an escalated listing's own workflow finishes it from here on: reconciliation asks that one, not the batch's
      ...(handOver.length > 0
        ? [
            prisma.$executeRaw`
              UPDATE listing_screenings AS screening SET status = 'screening', workflow_id = row.workflow_id, updated_at = ${completedAt}
              FROM jsonb_to_recordset(${JSON.stringify(handOver)}::jsonb) AS row(id uuid, workflow_id text)
              WHERE screening.id = row.id`,
          ]
        : []),
      countProgress(pending.length - handedOver.size - failed.size, failed.size),
    ]);
    return { lastLine, escalated };
  };
}

async function verdictCounts(prisma: PrismaClient, batchId: string) {
  const verdicts = await prisma.listingScreening.groupBy({ by: ['finalVerdict'], where: { batchId }, _count: true });
  return { verdicts: Object.fromEntries(verdicts.map((row) => [row.finalVerdict ?? 'pending', row._count])) };
}

/** Listing batches on the batch path: a range is a range of upload lines. */
export function listingScreeningBatchCapability(deps: ListingScreeningBatchDependencies): BatchCapability {
  const screenListingRange = createListingRangeScreener(deps);
  return {
    subjectType: listingScreeningCases.subjectType,
    async screenRange({ batchId, afterPosition, throughPosition, countProgress }) {
      const { escalated } = await screenListingRange({ batchId, afterLine: afterPosition, throughLine: throughPosition, limit: throughPosition - afterPosition, countProgress });
      return { escalated: escalated.map(({ screeningId, priority, sellerId }) => ({ workflowId: listingScreeningWorkflowId(screeningId), input: { screeningId, escalated: { priority, sellerId } } })) };
    },
    summary: async (batchId) => await verdictCounts(deps.prisma, batchId),
  };
}

/** The activities of `listingScreeningBatch` workflows started before the batch path was shared. */
export function createListingScreeningBatchActivities(deps: ListingScreeningBatchDependencies) {
  const { prisma, clock } = deps;
  const screenListingRange = createListingRangeScreener(deps);
  return {
    async screenBatchChunk({ batchId, afterLine, limit, throughLine }: { batchId: string; afterLine: number; limit: number; throughLine?: number }): Promise<ChunkResult> {
      const countProgress = (done: number, failed: number) => prisma.batch.update({ where: { id: batchId }, data: { done: { increment: done }, failed: { increment: failed } } });
      return await screenListingRange({ batchId, afterLine, limit, ...(throughLine === undefined ? {} : { throughLine }), countProgress });
    },

    /** The batch workflow failed for good: the batch reads as failed; its unfinished listings are failed by reconciliation (they name the batch's workflow). */
    async markBatchFailed({ batchId }: { batchId: string }): Promise<void> {
      await prisma.batch.updateMany({ where: { id: batchId, status: 'running' }, data: { status: 'failed', completedAt: clock() } });
    },

    async completeBatch({ batchId }: { batchId: string }): Promise<Record<string, unknown>> {
      const batch = await prisma.batch.update({ where: { id: batchId }, data: { status: 'completed', completedAt: clock() } });
      return { batchId, total: batch.total, done: batch.done, failed: batch.failed, ...(await verdictCounts(prisma, batchId)) };
    },
  };
}

export type ListingScreeningBatchActivities = ReturnType<typeof createListingScreeningBatchActivities>;
