/**
 * Content backfills on the batch path (workers/batches/capability.ts). Content detection keeps
 * state from post to post (script clusters, creators' cadence and praise), so a backfill's
 * positions are its posts ranked by `postedAt` (then upload line) and its ranges run one at a
 * time. A range is one transaction: the tenant's script index locked exclusively, the state the
 * range reaches read once, every post screened in memory in time order by the same `screenPost`
 * as a single submission (contentScreening/rangeScreening.ts says why the outcome is the same as
 * one by one), then the posts, clusters, index, creators, signals, verdicts, the policy's own
 * clean and label outcomes and the batch's counters written with set-based statements. Only the
 * escalations go back to the workflow, which starts a review-only `contentScreening` for each.
 *
 * Retries: everything a range does commits together, so a retried range finds its posts screened
 * and counts nothing twice; it hands back the escalations again, because the workflow never got
 * the attempt's answer when it retries (their review workflows are not started yet).
 */
import { failureColumns } from '../../core/capability.ts';
import type pg from 'pg';
import { inPgTransaction, pgSql, sql, utcTimestamp } from '../../core/sql.ts';
import { Context } from '@temporalio/activity';
import { CONTENT_SCREENING_POLICY_KEY, contentScreeningCapability, contentScreeningCases, type StoredPostRow } from '../../core/contentScreening.ts';
import { issueStatements } from '../../core/statementWrites.ts';
import type { PrismaClient } from '../../core/database.ts';
import type { Signal } from '../../core/signals.ts';
import { contentScreeningWorkflowId } from '../../workflows/names.ts';
import type { BatchCapability } from '../batches/capability.ts';
import { lockScriptIndex } from '../contentScreening/postgresStore.ts';
import { screenRangeInMemory } from '../contentScreening/rangeScreening.ts';
import { writeRangeChanges, type PostSettlement } from '../contentScreening/rangeState.ts';
import { scriptOf } from '../contentScreening/screenPost.ts';
import { prepareVerdicts } from '../policy/recordVerdict.ts';
import { contentPostOf, parametersInForce, raisedPriority, shippedContentPolicy, unknownPromotionTarget } from './contentScreening.ts';
import { errorMessage } from './errors.ts';

/** Statuses a range still works on: an escalated post stays `awaiting_review` until its moderator decides. */
const UNFINISHED = ['received', 'screening', 'awaiting_review'];


/**
 * `pool`: a range's transaction runs its set-based statements on a pg connection of its own (core/sql.ts
 * says why); the ORM reads what the range needs before it.
 */
export function contentScreeningBatchCapability({ prisma, pool, clock }: { prisma: PrismaClient; pool: pg.Pool; clock: () => Date }): BatchCapability {
  return {
    subjectType: contentScreeningCases.subjectType,

    async screenRange({ batchId, afterPosition, throughPosition, progress, openCases, heartbeat }) {
      // on the pool: 500 posts as ORM objects cost more than the statement
      const rows = await pgSql(pool).rows<StoredPostRow & { tenantId: string; status: string }>(
        sql(
          `SELECT id::text AS "id", tenant_id::text AS "tenantId", status, external_post_id AS "externalPostId", creator_id AS "creatorId", posted_at AS "postedAt",
             caption, transcript, on_screen_text AS "onScreenText", coalesce(hashtags, '{}') AS "hashtags", promoted_listing_id AS "promotedListingId",
             promoted_seller_id AS "promotedSellerId", affiliate_link AS "affiliateLink", platform_paid_label AS "platformPaidLabel", surface
           FROM content_screenings WHERE batch_id = $1::uuid AND batch_seq > $2 AND batch_seq <= $3 ORDER BY batch_seq`,
          [batchId, afterPosition, throughPosition],
        ),
      );
      // a post an earlier attempt escalated (its case open) goes back for its review workflow's start
      const pending = rows.filter((row) => UNFINISHED.includes(row.status));
      if (pending.length === 0) return { escalated: [] };
      const tenantId = pending[0]!.tenantId;
      const parameters = await parametersInForce(prisma);
      const promoted = [...new Set(pending.flatMap((row) => row.promotedSellerId ?? []))];
      const sellers = promoted.length ? await prisma.seller.findMany({ where: { tenantId, externalId: { in: promoted } }, select: { id: true, externalId: true } }) : [];
      const sellerOf = new Map(sellers.map((seller) => [seller.externalId, seller.id]));
      // the scripts' shingles and band keys depend on the text alone: worked out before the locks are taken
      const posts = pending.map((row) => {
        const post = contentPostOf(row);
        return { row, post, script: scriptOf(post, parameters) };
      });

      return await inPgTransaction(pool, async (tx) => {
          await lockScriptIndex(tx, tenantId, 'exclusive');
          // Under the lock, what an earlier attempt of this range committed is final: those posts are not screened again.
          const current = await tx.rows<{ id: string; status: string; screened_signals: Signal[] | null }>(
            sql('SELECT id::text, status, screened_signals FROM content_screenings WHERE id = ANY($1::uuid[]) FOR UPDATE', [pending.map((row) => row.id)]),
          );
          const now = new Map(current.map((row) => [row.id, row]));
          const unfinished = posts.filter(({ row }) => UNFINISHED.includes(now.get(row.id)?.status ?? ''));
          const fresh = unfinished.filter(({ row }) => !now.get(row.id)!.screened_signals);
          const earlier = unfinished.filter(({ row }) => now.get(row.id)!.screened_signals);

          const screened = fresh.length ? await screenRangeInMemory(tx, tenantId, fresh, parameters, { now: clock(), heartbeat: () => heartbeat() }) : null;
          for (const [screeningId, error] of screened?.failed ?? []) Context.current().log.warn('post of a backfill could not be screened', { batchId, screeningId, error: errorMessage(error) });
          const signalsOf = (id: string): Signal[] | undefined => screened?.results.get(id)?.signals ?? now.get(id)!.screened_signals ?? undefined;
          const subjects = unfinished.flatMap(({ row }) => {
            const signals = signalsOf(row.id);
            if (!signals) return [];
            const note = row.promotedSellerId && sellerOf.has(row.promotedSellerId) ? [] : unknownPromotionTarget(row.promotedSellerId, row.promotedListingId);
            return [{ subjectId: row.id, tenantId, signals: [...signals, ...note] }];
          });
          // posts an interrupted attempt screened without settling are counted now, those it settled are not
          const settledBefore = earlier.length
            ? new Set(
                (await tx.rows<{ subject_id: string }>(sql('SELECT subject_id::text FROM verdicts WHERE subject_type = $1 AND subject_id = ANY($2::uuid[])', [contentScreeningCases.subjectType, earlier.map(({ row }) => row.id)]))).map(
                  (verdict) => verdict.subject_id,
                ),
              )
            : new Set<string>();
          const { verdicts, statements } = await prepareVerdicts(tx, { subjectType: contentScreeningCases.subjectType, policyKey: CONTENT_SCREENING_POLICY_KEY, shippedPolicy: shippedContentPolicy, subjects });
          for (const statement of statements) await tx.run(statement);

          const escalations = subjects
            .filter((subject) => verdicts.get(subject.subjectId)?.outcome === 'escalate')
            .map((subject) => {
              const row = pending.find((candidate) => candidate.id === subject.subjectId)!;
              const verdict = verdicts.get(subject.subjectId)!;
              const priority = raisedPriority(verdict, subject.signals, parameters.praise.raisesPriority);
              const sellerId = (row.promotedSellerId && sellerOf.get(row.promotedSellerId)) || null;
              return { subjectId: row.id, tenantId, sellerId, workflowId: contentScreeningWorkflowId(row.id), priority, reasons: verdict.reasons, signalCodes: subject.signals.map((signal) => signal.code) };
            });
          // the escalations' cases beside their verdicts: their workflows then only wait for a moderator
          const caseIds = await openCases(tx, escalations);

          const completedAt = clock();
          const settlementOf = (id: string): PostSettlement => {
            const outcome = verdicts.get(id)!.outcome;
            if (outcome !== 'escalate') return { status: 'completed', finalOutcome: outcome, decidedBy: 'policy', completedAt };
            return { status: caseIds.has(id) ? 'awaiting_review' : 'screening', finalOutcome: null, decidedBy: null, completedAt: null };
          };
          if (screened) await writeRangeChanges(tx, tenantId, screened.changes, settlementOf, completedAt);
          const at = utcTimestamp(completedAt);
          for (const outcome of ['clean', 'label']) {
            const ids = earlier.map(({ row }) => row.id).filter((id) => verdicts.get(id)?.outcome === outcome);
            if (ids.length) {
              await tx.run(
                sql(`UPDATE content_screenings SET status = 'completed', final_outcome = $2, decided_by = 'policy', completed_at = $3::timestamp, updated_at = $3::timestamp WHERE id = ANY($1::uuid[]) AND status <> 'completed'`, [ids, outcome, at]),
              );
            }
          }
          const reviewed = earlier.map(({ row }) => row.id).filter((id) => caseIds.has(id));
          if (reviewed.length) {
            await tx.run(sql(`UPDATE content_screenings SET status = 'awaiting_review', updated_at = $2::timestamp WHERE id = ANY($1::uuid[]) AND status IN ('received', 'screening')`, [reviewed, at]));
          }
          const failed = [...(screened?.failed.keys() ?? [])];
          if (failed.length) {
            const failure = failureColumns({ reason: 'screening_failed', detail: `batch ${batchId} could not screen this post (see the worker's log)`, at: completedAt });
            await tx.run(
              sql(
                `UPDATE content_screenings SET status = $2, failure_reason = $3, failure_detail = $4, failed_at = $5::timestamp, updated_at = $5::timestamp WHERE id = ANY($1::uuid[]) AND status <> 'completed'`,
                [failed, failure.status, failure.failureReason, failure.failureDetail, at],
              ),
            );
          }
          // the statements of reasons of the posts the policy restricted, beside their outcomes
          const failedIds = new Set(failed);
          const decided = [...verdicts].filter(([id, verdict]) => verdict.outcome !== 'escalate' && !failedIds.has(id)).map(([id, verdict]) => ({ id, outcome: verdict.outcome, decidedBy: 'policy' as const }));
          await issueStatements(tx, contentScreeningCapability, decided, completedAt);
          const done = fresh.length - failed.length + earlier.filter(({ row }) => !settledBefore.has(row.id)).length;
          if (done > 0 || failed.length > 0) await tx.run(progress(done, failed.length));

          const escalated = escalations.map(({ subjectId, workflowId, priority, sellerId }) => {
            const caseId = caseIds.get(subjectId);
            return { workflowId, input: { screeningId: subjectId, escalated: { priority, sellerId, ...(caseId === undefined ? {} : { caseId }) } } };
          });
          return { escalated };
      });
    },

    async summary(batchId) {
      const outcomes = await prisma.contentScreening.groupBy({ by: ['finalOutcome'], where: { batchId }, _count: true });
      return { outcomes: Object.fromEntries(outcomes.map((row) => [row.finalOutcome ?? 'pending', row._count])) };
    },
  };
}
