/**
 * Accepting a post: size limits (413), storing it as given with its workflow's start (nothing but
 * ids) through the outbox. Sending the postId of a failed screening again replaces the failed row.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Client } from '@temporalio/client';
import type { Config } from '../../../core/config.ts';
import { CONTENT_TEXT_LIMITS, contentScreeningCapability } from '../../../core/contentScreening.ts';
import { reconcileSubject } from '../../../core/reconciliation.ts';
import { sql, utcTimestamp } from '../../../core/sql.ts';
import { workflowStart, type WorkflowStarter } from '../../../core/workflowStarts.ts';
import { storeRowsWithWorkflowStart, storeWithWorkflowStart } from '../../../core/workflowStartWrites.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { contentScreeningWorkflowId } from '../../../workflows/names.ts';
import type { contentScreening } from '../../../workflows/contentScreening.ts';
import { isUniqueViolation } from '../../prismaErrors.ts';
import { ApiProblem } from '../../problem.ts';
import { temporalUnavailable } from '../../temporalCalls.ts';
import { webhookRetrySettings } from '../../../core/webhookRetry.ts';
import type { ContentPostSubmission } from './schemas.ts';

export interface ContentScreeningDependencies {
  prisma: PrismaClient;
  /** a submission's row and start are one statement on the pool */
  pool: Pick<pg.Pool, 'query'>;
  temporal: Client;
  config: Config;
}

/** The first text field past its documented limit, as a 413 problem naming it; null when all fit. */
export function textLimitProblem(body: unknown, where = 'body'): ApiProblem | null {
  if (typeof body !== 'object' || body === null) return null;
  const fields = body as Record<string, unknown>;
  for (const field of ['caption', 'transcript', 'onScreenText'] as const) {
    const value = fields[field];
    if (typeof value === 'string' && value.length > CONTENT_TEXT_LIMITS[field]) {
      return new ApiProblem(413, 'text-too-large', 'Text too large', `${field} has ${value.length} characters; the limit is ${CONTENT_TEXT_LIMITS[field]}.`, [
        { field: `${where}/${field}`, message: `must be at most ${CONTENT_TEXT_LIMITS[field]} characters` },
      ]);
    }
  }
  const tags = fields.hashtags;
  if (Array.isArray(tags)) {
    if (tags.length > CONTENT_TEXT_LIMITS.hashtags) {
      return new ApiProblem(413, 'text-too-large', 'Too many hashtags', `${tags.length} hashtags; the limit is ${CONTENT_TEXT_LIMITS.hashtags}.`, [{ field: `${where}/hashtags`, message: `must have at most ${CONTENT_TEXT_LIMITS.hashtags} items` }]);
    }
    const long = tags.findIndex((tag) => typeof tag === 'string' && tag.length > CONTENT_TEXT_LIMITS.hashtagChars);
    if (long >= 0) {
      return new ApiProblem(413, 'text-too-large', 'Hashtag too long', `hashtag ${long} is longer than ${CONTENT_TEXT_LIMITS.hashtagChars} characters.`, [{ field: `${where}/hashtags/${long}`, message: `must be at most ${CONTENT_TEXT_LIMITS.hashtagChars} characters` }]);
    }
  }
  return null;
}

export async function submitContentPost(deps: ContentScreeningDependencies, starter: WorkflowStarter, tenantId: string, post: ContentPostSubmission) {
  const { prisma, config } = deps;
  const id = randomUUID();
  const workflowId = contentScreeningWorkflowId(id);
  const data = {
    id,
    tenantId,
    externalPostId: post.postId,
    creatorId: post.creatorId,
    postedAt: new Date(post.postedAt),
    caption: post.caption,
    transcript: post.transcript ?? null,
    onScreenText: post.onScreenText ?? null,
    hashtags: post.hashtags ?? [],
    promotedListingId: post.promotedListingId ?? null,
    promotedSellerId: post.promotedSellerId ?? null,
    affiliateLink: post.affiliateLink ?? false,
    platformPaidLabel: post.platformPaidLabel ?? false,
    surface: post.surface ?? 'video',
    workflowId,
  };
  const start = workflowStart<typeof contentScreening>('contentScreening', {
    workflowId,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    args: [{ screeningId: id, tenantId, caseSlaSeconds: config.CASE_SLA_SECONDS, webhook: webhookRetrySettings(config) }],
  });
  const accepted = { id, externalPostId: post.postId, status: 'received' };
  try {
    // the row and its workflow's start: one statement, the common case (a post not seen before)
    await storeRowsWithWorkflowStart(deps.pool, starter, start, [
      sql(
        `INSERT INTO content_screenings (id, tenant_id, external_post_id, creator_id, posted_at, caption, transcript, on_screen_text, hashtags,
           promoted_listing_id, promoted_seller_id, affiliate_link, platform_paid_label, surface, workflow_id)
         VALUES ($1, $2, $3, $4, $5::timestamp, $6, $7, $8, $9::text[], $10, $11, $12, $13, $14, $15)`,
        [id, tenantId, data.externalPostId, data.creatorId, utcTimestamp(data.postedAt), data.caption, data.transcript, data.onScreenText, data.hashtags,
          data.promotedListingId, data.promotedSellerId, data.affiliateLink, data.platformPaidLabel, data.surface, workflowId],
      ),
    ]);
    return accepted;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await prisma.contentScreening.findUnique({ where: { tenantId_externalPostId: { tenantId, externalPostId: post.postId } }, select: { id: true, status: true } });
    // the earlier screening's workflow may have been terminated: find out before answering 409
    if (existing && existing.status !== 'failed' && (await reconcileEarlierScreening(deps, existing.id))) existing.status = 'failed';
    if (existing?.status !== 'failed') {
      throw new ApiProblem(409, 'post-already-screened', 'This post was already submitted', `Post ${post.postId} has screening ${existing?.id ?? 'in progress'}; read it at /v1/content-screenings/${existing?.id ?? ''}.`);
    }
    // a failed earlier screening of the post is replaced, in one transaction with the new row and its start
    await storeWithWorkflowStart(prisma, starter, start, async (tx) => {
      await tx.contentScreening.delete({ where: { id: existing.id } });
      await tx.contentScreening.create({ data });
    });
    return accepted;
  }
}


/** True when the post's earlier screening had lost its workflow and is now failed (so it may be replaced); Temporal not answering is a 503. */
async function reconcileEarlierScreening(deps: ContentScreeningDependencies, screeningId: string): Promise<boolean> {
  const row = await contentScreeningCapability.rows.find(deps.prisma, screeningId);
  if (!row) return false;
  try {
    return await reconcileSubject(deps, contentScreeningCapability, row);
  } catch (error) {
    throw temporalUnavailable(error);
  }
}
