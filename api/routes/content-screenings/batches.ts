/**
 * Content backfills on the batch path (api/batches.ts): `POST /v1/content-screenings/batches`,
 * one post per line as `POST /v1/content-screenings` takes it. Good lines are stored at once and
 * screened by the batch workflow on the bulk queue; bad ones are refused with their line number,
 * code and field, and never stop the rest. Content detection keeps state from post to post, so
 * a backfill is screened in time order (`postedAt`, then line), one range at a time: a backfill's
 * clusters and signals are those of its posts sent one by one in that order.
 *
 * Progress at `GET /v1/content-screenings/batches/:id` (screenings by status and outcome), the
 * screenings in upload order at `…/results`, and one `content_screening_batch.completed` webhook.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CONTENT_SCREENING_BATCH_COMPLETED_EVENT, contentScreeningCases } from '../../../core/contentScreening.ts';
import { sql } from '../../../core/sql.ts';
import { webhookRetrySettings } from '../../../core/webhookRetry.ts';
import { contentScreeningWorkflowId } from '../../../workflows/names.ts';
import type { ContentScreeningInput } from '../../../workflows/contentScreening.ts';
import { RefusalView, registerBatchRoutes, type Refusal } from '../../batches.ts';
import { presentScreening } from './present.ts';
import { ContentPostSubmission, ContentScreeningView } from './schemas.ts';
import { textLimitProblem, type ContentScreeningDependencies } from './submit.ts';

/** Lines one backfill may carry, and its largest body: send bigger backfills as several batches. */
export const MAX_BATCH_LINES = 10_000;
export const MAX_BATCH_BYTES = 32 * 1024 * 1024;

const BatchView = Type.Object({
  id: Type.String(),
  status: Type.String({ description: 'running, completed (every post screened; escalations may still await a moderator) or failed' }),
  url: Type.String(),
  resultsUrl: Type.String(),
  lines: Type.Integer(),
  accepted: Type.Integer(),
  refused: Type.Array(RefusalView, { description: 'the first 100 refused lines' }),
  progress: Type.Object({ received: Type.Integer(), screening: Type.Integer(), awaitingReview: Type.Integer(), completed: Type.Integer(), failed: Type.Integer() }),
  outcomes: Type.Object({ clean: Type.Integer(), label: Type.Integer(), takedownRequest: Type.Integer() }),
  done: Type.Boolean({ description: 'every accepted post has its final outcome (or failed)' }),
  createdAt: Type.String(),
  completedAt: Type.Union([Type.String(), Type.Null()]),
});

export const contentBatchRoutes: FastifyPluginAsyncTypebox<ContentScreeningDependencies> = async (app, deps) => {
  const { prisma, pool, config } = deps;
  registerBatchRoutes<ContentPostSubmission>(app, deps, {
    subjectType: contentScreeningCases.subjectType,
    path: '/v1/content-screenings/batches',
    tags: ['content screening'],
    noun: 'post',
    lineSchema: ContentPostSubmission,
    maxLines: MAX_BATCH_LINES,
    maxBytes: MAX_BATCH_BYTES,
    refuseBeforeSchema: textLimitProblem,

    async store(db, { batchId, tenantId, lines }) {
      const refused: Refusal[] = [];
      const already = (line: number, postId: string, detail: string): Refusal => ({ line, code: 'post-already-screened', errors: [{ field: `line/${line}/postId`, message: `post ${postId} ${detail}` }] });
      // one screening per post: a post seen twice in the upload is taken once
      const seen = new Set<string>();
      const unique = lines.filter(({ line, value }) => {
        if (!seen.has(value.postId)) return seen.add(value.postId);
        refused.push(already(line, value.postId, 'is on an earlier line of this batch'));
        return false;
      });
      // a post screened before is refused; one whose screening failed is replaced, as a single submission does
      const existing = await db.rows<{ id: string; external_post_id: string; status: string }>(
        sql(`SELECT id, external_post_id, status FROM content_screenings WHERE tenant_id = $1::uuid AND external_post_id = ANY($2::text[])`, [tenantId, [...seen]]),
      );
      const taken = new Set(existing.filter((row) => row.status !== 'failed').map((row) => row.external_post_id));
      // A failed screening goes before the batch is written: one statement cannot delete a row and
      // insert another with its key (its parts run in no set order). Should the batch's statement
      // then fail, the post has no screening until it is sent again, which it had to be anyway.
      const failed = existing.filter((row) => row.status === 'failed').map((row) => row.id);
      if (failed.length > 0) await db.run(sql(`DELETE FROM content_screenings WHERE id = ANY($1::uuid[]) AND status = 'failed'`, [failed]));
      const storable = unique.filter(({ line, value }) => {
        if (!taken.has(value.postId)) return true;
        refused.push(already(line, value.postId, 'was submitted before'));
        return false;
      });
      // positions: time order, then upload order (detection keeps state from post to post)
      const ordered = storable.map((entry) => ({ ...entry, postedAt: new Date(entry.value.postedAt) })).sort((left, right) => left.postedAt.getTime() - right.postedAt.getTime() || left.line - right.line);
      const rows = ordered.map(({ line, value: post, postedAt }, index) => {
        const id = randomUUID();
        return {
          id, external_post_id: post.postId, creator_id: post.creatorId, posted_at: postedAt.toISOString(), caption: post.caption, transcript: post.transcript ?? null, on_screen_text: post.onScreenText ?? null,
          hashtags: post.hashtags ?? [], promoted_listing_id: post.promotedListingId ?? null, promoted_seller_id: post.promotedSellerId ?? null, affiliate_link: post.affiliateLink ?? false,
          platform_paid_label: post.platformPaidLabel ?? false, surface: post.surface ?? 'video', workflow_id: contentScreeningWorkflowId(id), batch_line: line, batch_seq: index + 1,
        };
      });
      // the rows as one JSON parameter; a post another request stores meanwhile breaks the post's
      // unique key, and the upload is read again (it is then refused as submitted before)
      const insert = sql(
        `INSERT INTO content_screenings (id, tenant_id, external_post_id, creator_id, posted_at, caption, transcript, on_screen_text, hashtags, promoted_listing_id, promoted_seller_id,
           affiliate_link, platform_paid_label, surface, workflow_id, batch_id, batch_line, batch_seq)
         SELECT row.id, $1::uuid, row.external_post_id, row.creator_id, row.posted_at, row.caption, row.transcript, row.on_screen_text, row.hashtags, row.promoted_listing_id,
           row.promoted_seller_id, row.affiliate_link, row.platform_paid_label, row.surface, row.workflow_id, $2::uuid, row.batch_line, row.batch_seq
         FROM jsonb_to_recordset($3::jsonb)
           AS row(id uuid, external_post_id text, creator_id text, posted_at timestamp(3), caption text, transcript text, on_screen_text text, hashtags text[], promoted_listing_id text,
             promoted_seller_id text, affiliate_link boolean, platform_paid_label boolean, surface text, workflow_id text, batch_line integer, batch_seq integer)`,
        [tenantId, batchId, JSON.stringify(rows)],
      );
      return { writes: rows.length > 0 ? [insert] : [], lastPosition: rows.length, refused };
    },

    // one range at a time: each post must see the ones posted before it
    chunking: () => ({ chunkSize: config.CONTENT_BATCH_CHUNK_SIZE, chunksInFlight: 1 }),
    review: (_config, tenantId) => ({
      workflowType: 'contentScreening',
      settings: { tenantId, caseSlaSeconds: config.CASE_SLA_SECONDS, webhook: webhookRetrySettings(config), screeningTaskQueue: config.TEMPORAL_BULK_TASK_QUEUE } satisfies Omit<ContentScreeningInput, 'screeningId'>,
    }),
    completedEvent: CONTENT_SCREENING_BATCH_COMPLETED_EVENT,

    view: {
      schema: BatchView,
      async present(batch, urls) {
        // both counts in one statement on the pool: it is also the upload's answer
        const counts = await pool.query<{ status: string; final_outcome: string | null; count: number }>(
          'SELECT status, final_outcome, count(*)::int AS count FROM content_screenings WHERE batch_id = $1::uuid GROUP BY status, final_outcome',
          [batch.id],
        );
        const sum = (keep: (row: { status: string; final_outcome: string | null }) => boolean) => counts.rows.filter(keep).reduce((total, row) => total + row.count, 0);
        const status = (name: string) => sum((row) => row.status === name);
        const outcome = (name: string) => sum((row) => row.final_outcome === name);
        const progress = { received: status('received'), screening: status('screening'), awaitingReview: status('awaiting_review'), completed: status('completed'), failed: status('failed') };
        const accepted = batch.total - batch.refused;
        return {
          id: batch.id,
          status: batch.status,
          ...urls,
          lines: batch.total,
          accepted,
          refused: batch.rejectedLines as unknown as Refusal[],
          progress,
          outcomes: { clean: outcome('clean'), label: outcome('label'), takedownRequest: outcome('takedown_request') },
          done: progress.completed + progress.failed === accepted,
          createdAt: batch.createdAt.toISOString(),
          completedAt: batch.completedAt?.toISOString() ?? null,
        };
      },
    },

    results: {
      itemSchema: Type.Intersect([Type.Object({ line: Type.Integer() }), ContentScreeningView]),
      async page(batch, after, take) {
        const rows = await prisma.contentScreening.findMany({ where: { batchId: batch.id, batchLine: { gt: after } }, orderBy: { batchLine: 'asc' }, take, select: { id: true, batchLine: true } });
        const items = await Promise.all(rows.map(async (row) => ({ line: row.batchLine ?? 0, ...(await presentScreening(prisma, config.API_PUBLIC_URL, row.id, batch.tenantId))! })));
        return items;
      },
    },
  });
};
