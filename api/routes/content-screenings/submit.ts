/**
 * Accepting a post: size limits (413), storing it as given, starting its workflow with nothing but
 * ids. A post whose workflow could not start is marked failed and the caller gets a 503; sending
 * the same postId again replaces the failed row.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Config } from '../../../core/config.ts';
import { CONTENT_TEXT_LIMITS, contentScreeningCapability } from '../../../core/contentScreening.ts';
import { reconcileSubject } from '../../../core/reconciliation.ts';
import { describeError } from '../../../core/startup.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { contentScreeningWorkflowId } from '../../../workflows/names.ts';
import type { contentScreening } from '../../../workflows/contentScreening.ts';
import { isUniqueViolation } from '../../prismaErrors.ts';
import { ApiProblem } from '../../problem.ts';
import { temporalUnavailable, withTemporalDeadline } from '../../temporalCalls.ts';
import { webhookRetrySettings } from '../../../core/webhookRetry.ts';
import type { ContentPostSubmission } from './schemas.ts';

export interface ContentScreeningDependencies {
  prisma: PrismaClient;
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

export async function submitContentPost(deps: ContentScreeningDependencies, tenantId: string, post: ContentPostSubmission) {
  const { prisma, temporal, config } = deps;
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
  let row;
  try {
    row = await prisma.contentScreening.create({ data });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await prisma.contentScreening.findUnique({ where: { tenantId_externalPostId: { tenantId, externalPostId: post.postId } }, select: { id: true, status: true } });
    // the earlier screening's workflow may have been terminated: find out before answering 409
    if (existing && existing.status !== 'failed' && (await reconcileEarlierScreening(deps, existing.id))) existing.status = 'failed';
    if (existing?.status !== 'failed') {
      throw new ApiProblem(409, 'post-already-screened', 'This post was already submitted', `Post ${post.postId} has screening ${existing?.id ?? 'in progress'}; read it at /v1/content-screenings/${existing?.id ?? ''}.`);
    }
    await prisma.contentScreening.delete({ where: { id: existing.id } });
    row = await prisma.contentScreening.create({ data });
  }
  try {
    await withTemporalDeadline(temporal, () =>
      temporal.workflow.start<typeof contentScreening>('contentScreening', {
        workflowId,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        args: [{
          screeningId: id,
          tenantId,
          caseSlaSeconds: config.CASE_SLA_SECONDS,
          webhook: webhookRetrySettings(config),
        }],
      }),
    );
  } catch (error) {
    await contentScreeningCapability.rows.markFailed(prisma, id, { reason: 'workflow_start_failed', detail: describeError(error), at: new Date() });
    throw temporalUnavailable(error);
  }
  return row;
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
