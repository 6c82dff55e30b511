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
import type pg from 'pg';
import pLimit from 'p-limit';
import { failureColumns } from '../../core/capability.ts';
import type { CasePriority } from '../../core/cases.ts';
import type { PrismaClient } from '../../core/database.ts';
import { brandEntryOf, LISTING_SCREENING_POLICY_KEY, listingScreeningCapability, listingScreeningCases } from '../../core/listingScreening.ts';
import { issueStatements } from '../../core/statementWrites.ts';
import type { Signal } from '../../core/signals.ts';
import { screenListingText } from '../detectors/listingText/screenListingText.ts';
import type { GalleryIndexes } from '../listingImages/galleryIndexes.ts';
import type { ComparePhotographs, FingerprintPicture } from '../listingImages/imageThreads.ts';
import { settleListingImage } from '../listingImages/settleImage.ts';
import type { PolicyRules } from '../policy/policy.ts';
import shippedListingScreeningPolicy from '../policy/listingScreeningPolicy.v1.json' with { type: 'json' };
import { prepareVerdicts } from '../policy/recordVerdict.ts';
import { inPgTransaction, pgSql, sql, utcTimestamp } from '../../core/sql.ts';
import { batchProgress } from './batches.ts';
import { listingScreeningWorkflowId } from '../../workflows/names.ts';
import type { BatchCapability, BatchRange } from '../batches/capability.ts';
import { errorMessage } from './errors.ts';
import { alignWithGalleryFrom, galleryMatchSignals, imageUnavailable, listingParameters, listingTextOf } from './listingScreening.ts';

/** Pictures fetched and fingerprinted at once inside a chunk (downloads overlap; hashing is CPU, on the fingerprint threads). */
const IMAGE_CONCURRENCY = 8;

export interface ChunkResult {
  /** the last batch line handled, to start the next chunk after */
  lastLine: number | null;
  /** the listings the policy escalated, with what their review needs (screened and recorded already) */
  escalated: { screeningId: string; priority: CasePriority; sellerId: string | null; caseId?: string }[];
}

export interface ListingScreeningBatchDependencies {
  prisma: PrismaClient;
  /** the process's pg pool: a range's reads and writes are set-based SQL on it (core/sql.ts says why) */
  pool: pg.Pool;
  galleries: GalleryIndexes;
  allowPrivateNetwork: boolean;
  clock: () => Date;
  /** hashes a picture; the bulk worker's image threads, so a range's pictures use every core */
  fingerprint?: FingerprintPicture;
  /** two pictures compared aligned (the fingerprints' near candidates); the image threads too */
  comparePhotographs?: ComparePhotographs;
}

interface ListingRange {
  batchId: string;
  afterLine: number;
  limit: number;
  throughLine?: number;
  progress: BatchRange['progress'];
  /** absent for `listingScreeningBatch` workflows: their escalations' workflows open the cases */
  openCases?: BatchRange['openCases'];
}

/** A range's listing as its read gives it (snake case: the columns). */
interface RangeRow {
  id: string;
  tenant_id: string;
  seller_external_id: string;
  title: string;
  description: string;
  price_amount: string;
  price_currency: string;
  claimed_brand: string | null;
  category: string | null;
  status: string;
  workflow_id: string | null;
  batch_line: number;
  has_images: boolean;
}

/** Screens a batch's listings after `afterLine`: at most `limit`, and none past `throughLine` when given (a line range). */
function createListingRangeScreener({ prisma, pool, galleries, allowPrivateNetwork, clock, fingerprint, comparePhotographs }: ListingScreeningBatchDependencies) {
  const logFailure = (message: string, detail: Record<string, unknown>) => Context.current().log.warn(message, detail);
  const db = pgSql(pool);
  const align = alignWithGalleryFrom(prisma, comparePhotographs);
  return async function screenListingRange({ batchId, afterLine, limit, throughLine, progress, openCases }: ListingRange): Promise<ChunkResult> {
    const rows = await db.rows<RangeRow>(
      sql(
        `SELECT s.id::text, s.tenant_id::text, s.seller_external_id, s.title, s.description, s.price_amount::text, s.price_currency, s.claimed_brand, s.category,
                s.status, s.workflow_id, s.batch_line, EXISTS (SELECT 1 FROM listing_images i WHERE i.screening_id = s.id) AS has_images
         FROM listing_screenings s
         WHERE s.batch_id = $1::uuid AND s.batch_line > $2 AND ($3::int IS NULL OR s.batch_line <= $3::int)
         ORDER BY s.batch_line LIMIT $4`,
        [batchId, afterLine, throughLine ?? null, limit],
      ),
    );
    const lastLine = rows.at(-1)?.batch_line ?? null;
    // a retried chunk skips what an earlier attempt settled (verdicts are recorded once); an
    // escalation it handed over (its own workflow named) goes back for its start, uncounted
    const pending = rows.filter((row) => row.status === 'received' || row.status === 'screening' || (row.status === 'awaiting_review' && row.workflow_id === listingScreeningWorkflowId(row.id)));
    if (pending.length === 0) return { lastLine, escalated: [] };
    const handedOver = new Set(pending.filter((row) => row.workflow_id === listingScreeningWorkflowId(row.id)).map((row) => row.id));

    const tenantId = pending[0]!.tenant_id;
    const [parameters, brands] = await Promise.all([listingParameters(prisma), prisma.brand.findMany({ where: { tenantId } })]);
    const failed = new Set<string>();

    // Pictures first: the only I/O per listing.
    const withImages = pending.filter((row) => row.has_images);
    const imagesOfRange = () =>
      db.rows<{ id: string; tenantId: string; screeningId: string; position: number; status: string; failure: string | null; sourceUrl: string | null; bytes: Buffer | null; ocrText: string | null }>(
        sql(
          `SELECT id::text, tenant_id::text AS "tenantId", screening_id::text AS "screeningId", position, status, failure, source_url AS "sourceUrl",
                  CASE WHEN status = 'pending' THEN bytes END AS bytes, ocr_text AS "ocrText"
           FROM listing_images WHERE screening_id = ANY($1::uuid[]) ORDER BY position`,
          [withImages.map((row) => row.id)],
        ),
      );
    const images = withImages.length ? await imagesOfRange() : [];
    const limits = { timeoutMs: parameters.imageFetchTimeoutMs, maxBytes: parameters.imageMaxBytes, maxPixels: parameters.imageMaxPixels, allowPrivateNetwork };
    const limitImages = pLimit(IMAGE_CONCURRENCY);
    await Promise.all(
      images
        .filter((image) => image.status === 'pending')
        .map((image) =>
          limitImages(async () => {
            try {
              await settleListingImage(pool, image, limits, fingerprint);
            } catch (error) {
              failed.add(image.screeningId);
              logFailure('listing picture could not be settled', { batchId, screeningId: image.screeningId, error: errorMessage(error) });
            }
            Context.current().heartbeat(lastLine);
          }),
        ),
    );
    const settled = images.some((image) => image.status === 'pending') ? await imagesOfRange() : images;
    const fingerprints = settled.some((image) => image.status === 'stored')
      ? await db.rows<{ imageId: string; variant: string; hash: Buffer }>(
          sql('SELECT listing_image_id::text AS "imageId", variant, hash FROM listing_image_fingerprints WHERE listing_image_id = ANY($1::uuid[])', [settled.filter((image) => image.status === 'stored').map((image) => image.id)]),
        )
      : [];
    const fingerprintsOf = groupBy(fingerprints, (fingerprint) => fingerprint.imageId);
    const settledImages = settled.map((image) => ({ ...image, fingerprints: fingerprintsOf.get(image.id) ?? [] }));
    const imagesOf = groupBy(settledImages, (image) => image.screeningId);
    const gallery = settledImages.some((image) => image.status === 'stored') ? await galleries.forTenant(tenantId) : undefined;

    // Every detector in process.
    const brandEntries = brands.map(brandEntryOf);
    const subjects: { subjectId: string; tenantId: string; signals: Signal[] }[] = [];
    for (const row of pending) {
      if (failed.has(row.id)) continue;
      try {
        const rowImages = imagesOf.get(row.id) ?? [];
        const listing = {
          title: row.title,
          description: row.description,
          priceAmount: row.price_amount,
          priceCurrency: row.price_currency,
          sellerExternalId: row.seller_external_id,
          claimedBrand: row.claimed_brand,
          category: row.category,
          images: rowImages,
        };
        const signals = [
          ...rowImages.filter((image) => image.status === 'failed').map((image) => imageUnavailable(image.position, image.failure ?? 'undecodable', null, image.sourceUrl)),
          ...(gallery ? await galleryMatchSignals(rowImages.filter((image) => image.status === 'stored'), gallery, brands, row.seller_external_id, align) : []),
          ...screenListingText(listingTextOf(listing), brandEntries, parameters).signals,
        ];
        subjects.push({ subjectId: row.id, tenantId, signals });
      } catch (error) {
        failed.add(row.id);
        logFailure('listing could not be screened', { batchId, screeningId: row.id, error: errorMessage(error) });
      }
    }
    Context.current().heartbeat(lastLine);
    const { verdicts, statements: verdictStatements } = await prepareVerdicts(db, {
      subjectType: listingScreeningCases.subjectType,
      policyKey: LISTING_SCREENING_POLICY_KEY,
      shippedPolicy: shippedListingScreeningPolicy as PolicyRules,
      subjects,
    });

    // Record and settle in one transaction: the verdicts, the policy's own decisions, the
    // escalations handed to their workflows, the failures, and the counters.
    const outcomeOf = (id: string) => verdicts.get(id)?.outcome;
    // the console shows a seller's history from our seller row, which exists once the seller was vetted
    const escalatedRows = pending.filter((row) => outcomeOf(row.id) === 'escalate');
    const sellerIds = new Map(
      escalatedRows.length
        ? (await prisma.seller.findMany({ where: { tenantId, externalId: { in: [...new Set(escalatedRows.map((row) => row.seller_external_id))] } }, select: { id: true, externalId: true } })).map((seller) => [seller.externalId, seller.id])
        : [],
    );
    const signalsOf = new Map(subjects.map((subject) => [subject.subjectId, subject.signals]));
    // each escalation's case, as the range opens it with its verdict
    const escalations = escalatedRows.map((row) => {
      const verdict = verdicts.get(row.id)!;
      return { subjectId: row.id, tenantId, sellerId: sellerIds.get(row.seller_external_id) ?? null, workflowId: listingScreeningWorkflowId(row.id), priority: verdict.priority, reasons: verdict.reasons, signalCodes: (signalsOf.get(row.id) ?? []).map((signal) => signal.code) };
    });
    const completedAt = clock();
    // every listing the range settles, as one row set: decided by the policy, handed to its own workflow, or failed
    type Settlement = { id: string; status: string; final_verdict: string | null; workflow_id: string | null };
    const settlementsWith = (caseIds: Map<string, string>): Settlement[] => [
      ...subjects.flatMap(({ subjectId }): Settlement[] => {
        const outcome = outcomeOf(subjectId);
        if (outcome === 'allow' || outcome === 'block') return [{ id: subjectId, status: 'completed', final_verdict: outcome, workflow_id: null }];
        if (outcome === 'escalate' && !handedOver.has(subjectId)) return [{ id: subjectId, status: caseIds.has(subjectId) ? 'awaiting_review' : 'screening', final_verdict: null, workflow_id: listingScreeningWorkflowId(subjectId) }];
        return [];
      }),
      ...[...failed].map((id) => ({ id, status: 'failed', final_verdict: null, workflow_id: null })),
    ];
    const failure = failureColumns({ reason: 'screening_failed', detail: `batch ${batchId} could not screen this listing (see the worker's log)`, at: completedAt });
    const caseIds = await inPgTransaction(pool, async (tx) => {
      for (const statement of verdictStatements) await tx.run(statement);
      // the escalations' cases beside their verdicts: their workflows then only wait for a moderator
      const opened = openCases ? await openCases(tx, escalations) : new Map<string, string>();
      const settlements = settlementsWith(opened);
      if (settlements.length > 0) {
        // an escalated listing's own workflow finishes it from here on: reconciliation asks that one, not the batch's
        await tx.run(
          sql(
            `UPDATE listing_screenings AS s SET
               status = row.status,
               final_verdict = COALESCE(row.final_verdict, s.final_verdict),
               decided_by = CASE WHEN row.status = 'completed' THEN 'policy' ELSE s.decided_by END,
               completed_at = CASE WHEN row.status = 'completed' THEN $1::timestamp ELSE s.completed_at END,
               workflow_id = COALESCE(row.workflow_id, s.workflow_id),
               failure_reason = CASE WHEN row.status = 'failed' THEN $2 ELSE s.failure_reason END,
               failure_detail = CASE WHEN row.status = 'failed' THEN $3 ELSE s.failure_detail END,
               failed_at = CASE WHEN row.status = 'failed' THEN $1::timestamp ELSE s.failed_at END,
               updated_at = $1::timestamp
             FROM jsonb_to_recordset($4::jsonb) AS row(id uuid, status text, final_verdict text, workflow_id text)
             WHERE s.id = row.id AND s.status <> 'completed'`,
            [utcTimestamp(completedAt), failure.failureReason, failure.failureDetail, JSON.stringify(settlements)],
          ),
        );
        // the blocked listings' statements of reasons, beside their verdicts
        const blocked = settlements.filter((row) => row.final_verdict === 'block').map((row) => ({ id: row.id, outcome: 'block', decidedBy: 'policy' as const }));
        await issueStatements(tx, listingScreeningCapability, blocked, completedAt);
      }
      await tx.run(progress(pending.length - handedOver.size - failed.size, failed.size));
      return opened;
    });
    const escalated = escalations.map(({ subjectId, priority, sellerId }) => {
      const caseId = caseIds.get(subjectId);
      return { screeningId: subjectId, priority, sellerId, ...(caseId === undefined ? {} : { caseId }) };
    });
    return { lastLine, escalated };
  };
}

/** Items by key, in their order (Map.groupBy arrives with Node 21). */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
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
    async screenRange({ batchId, afterPosition, throughPosition, progress, openCases }) {
      const { escalated } = await screenListingRange({ batchId, afterLine: afterPosition, throughLine: throughPosition, limit: throughPosition - afterPosition, progress, openCases });
      return { escalated: escalated.map(({ screeningId, ...review }) => ({ workflowId: listingScreeningWorkflowId(screeningId), input: { screeningId, escalated: review } })) };
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
      const progress = (done: number, failed: number) => batchProgress(batchId, done, failed);
      return await screenListingRange({ batchId, afterLine, limit, ...(throughLine === undefined ? {} : { throughLine }), progress });
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
