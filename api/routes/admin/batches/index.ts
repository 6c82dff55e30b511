/**
 * Batches of every capability in the console, in react-admin's simple-rest dialect: the batches of
 * the marketplaces the user works for (list with range, sort, filters id / subjectType / status /
 * tenantId, newest first, Content-Range; getOne with where its subjects stand), and a batch's
 * subjects a page at a time as their own resource, `batch-results`, read with
 * `filter={"batchId":"…"}` (react-admin's getManyReference), each linking to its case. What
 * differs per capability comes from its registration (api/plugins/batchSubjects.ts); a batch of
 * another marketplace answers 404, as a case of one does. Reading a running batch that has been
 * quiet a while checks its workflow (core/batchReconciliation.ts), as the marketplace's GET does.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { Client } from '@temporalio/client';
import type { FastifyRequest } from 'fastify';
import { reconcileBatchOnRead } from '../../../../core/batchReconciliation.ts';
import { failureView } from '../../../../core/capability.ts';
import type { Config } from '../../../../core/config.ts';
import type { PrismaClient } from '../../../../core/database.ts';
import type { Batch, Prisma } from '../../../../prisma/generated/client.ts';
import { canSeeTenant, tenantWhere } from '../../../auth/marketplaceScope.ts';
import { ListQuerystring, parseListQuery, sendContentRange } from '../../../listQuery.ts';
import { moderatorOf } from '../../../plugins/authentication.ts';
import type { BatchSubjectRegistration } from '../../../plugins/batchSubjects.ts';
import { ApiProblem, problemResponses } from '../../../problem.ts';
import { notFound } from '../consoleActor.ts';
import { marketplaceNames } from '../cases/view.ts';
import { IdParams, idWhere } from '../ids.ts';
import { BatchCounts, BatchFilter, BatchResult, ConsoleBatch, RejectedLine, ResultFilter } from './schemas.ts';

const BATCH_SORTABLE = ['createdAt', 'status', 'total'] as const;
const RESULT_SORTABLE = ['line'] as const;

type Counts = Static<typeof BatchCounts>;

/** Where the batch's subjects stand, from the capability's (status, verdict) counts. */
async function countsOf(registration: BatchSubjectRegistration, batch: Batch): Promise<Counts> {
  const counts: Counts = { refused: batch.refused, verdicts: {}, awaitingReview: 0, failed: 0, pending: 0 };
  for (const { status, verdict, count } of await registration.standing(batch.id)) {
    if (status === 'completed' && verdict) counts.verdicts[verdict] = (counts.verdicts[verdict] ?? 0) + count;
    else if (status === 'awaiting_review') counts.awaitingReview += count;
    else if (status === 'failed') counts.failed += count;
    else counts.pending += count;
  }
  return counts;
}

const present = (batch: Batch, label: string, names: Map<string, string>, counts: Counts | null): Static<typeof ConsoleBatch> => ({
  id: batch.id,
  subjectType: batch.subjectType,
  subjectLabel: label,
  tenantId: batch.tenantId,
  marketplace: names.get(batch.tenantId) ?? batch.tenantId,
  status: batch.status,
  total: batch.total,
  done: batch.done,
  failed: batch.failed,
  refused: batch.refused,
  rejectedLines: (batch.rejectedLines as Omit<Static<typeof RejectedLine>, 'id'>[]).map((entry) => ({ id: entry.line, ...entry })),
  counts,
  failure: failureView(batch),
  workflowId: batch.workflowId,
  createdAt: batch.createdAt.toISOString(),
  completedAt: batch.completedAt?.toISOString() ?? null,
});

export const consoleBatchRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient; temporal: Client; config: Config }> = async (app, { prisma, temporal, config }) => {
  const tags = ['console: batches'];
  const security = [{ session: [] }];
  const labelOf = (subjectType: string) => app.batchSubjects.get(subjectType)?.label ?? subjectType;

  /** A batch of a registered capability the user may see; any other answers 404, as if it did not exist. */
  const findVisible = async (request: FastifyRequest, id: string) => {
    const batch = await prisma.batch.findUnique({ where: { id } });
    const registration = batch && app.batchSubjects.get(batch.subjectType);
    if (!batch || !registration || !canSeeTenant(moderatorOf(request), batch.tenantId)) throw notFound('batch', id);
    return { batch, registration };
  };

  app.get(
    '/admin/v1/batches',
    {
      schema: {
        summary: 'Batches of every capability, of the marketplaces the user works for, newest first (react-admin list: range, sort, filter id/subjectType/status/tenantId)',
        tags,
        security,
        querystring: ListQuerystring,
        response: { 200: Type.Array(ConsoleBatch), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { skip, take, sort, filter } = parseListQuery(request.query, BatchFilter, BATCH_SORTABLE);
      const registered = app.batchSubjects.all().map((registration) => registration.subjectType);
      const where: Prisma.BatchWhereInput = {
        AND: [
          { subjectType: filter.subjectType ?? { in: registered } },
          tenantWhere(moderatorOf(request)),
          idWhere(filter.id),
          filter.status ? { status: filter.status } : {},
          filter.tenantId ? { tenantId: filter.tenantId } : {},
        ],
      };
      const orderBy = [{ [sort?.field ?? 'createdAt']: sort?.order ?? 'desc' }, { id: 'asc' }] as Prisma.BatchOrderByWithRelationInput[];
      const [rows, total] = await Promise.all([prisma.batch.findMany({ where, orderBy, skip, take }), prisma.batch.count({ where })]);
      const names = await marketplaceNames(prisma, rows.map((row) => row.tenantId));
      sendContentRange(reply, 'batches', skip, rows.length, total);
      return rows.map((row) => present(row, labelOf(row.subjectType), names, null));
    },
  );

  app.get(
    '/admin/v1/batches/:id',
    {
      schema: {
        summary: 'One batch: progress, refused lines, where its subjects stand and, if it failed, why',
        tags,
        security,
        params: IdParams,
        response: { 200: ConsoleBatch, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      let { batch, registration } = await findVisible(request, request.params.id);
      const reconciled = await reconcileBatchOnRead({ prisma, temporal, config }, batch, {
        quietForMs: config.RECONCILE_ON_READ_AFTER_SECONDS * 1000,
        onError: (error) => request.log.warn({ err: error, batchId: batch.id }, 'could not reconcile the batch with its workflow'),
      });
      if (reconciled) ({ batch, registration } = await findVisible(request, batch.id));
      const [names, counts] = await Promise.all([marketplaceNames(prisma, [batch.tenantId]), countsOf(registration, batch)]);
      return present(batch, registration.label, names, counts);
    },
  );

  app.get(
    '/admin/v1/batch-results',
    {
      schema: {
        summary: "A batch's subjects in upload order, a page at a time (react-admin getManyReference: filter batchId (required), status, verdict; sort line)",
        tags,
        security,
        querystring: ListQuerystring,
        response: { 200: Type.Array(BatchResult), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { skip, take, sort, filter } = parseListQuery(request.query, ResultFilter, RESULT_SORTABLE);
      if (!filter.batchId) {
        throw new ApiProblem(400, 'validation-failed', 'Malformed list query', 'filter: batchId is required', [{ field: 'querystring/filter/batchId', message: 'is required' }]);
      }
      const { batch, registration } = await findVisible(request, filter.batchId);
      // `escalate` is no final verdict: those a moderator has yet to decide
      const byVerdict = filter.verdict === undefined ? {} : filter.verdict === 'escalate' ? { status: 'awaiting_review' } : { status: 'completed', verdict: filter.verdict };
      const { rows, total } = await registration.results(batch.id, { skip, take, order: sort?.order ?? 'asc', ...(filter.status ? { status: filter.status } : {}), ...byVerdict });
      // verdicts and cases are kept by subject type for every capability
      const bySubject = { subjectType: batch.subjectType, subjectId: { in: rows.map((row) => row.id) } };
      const [verdicts, cases] = await Promise.all([
        prisma.verdictRecord.findMany({ where: bySubject, select: { subjectId: true, outcome: true, reasons: true } }),
        prisma.case.findMany({ where: bySubject, select: { id: true, subjectId: true, status: true } }),
      ]);
      const verdictOf = new Map(verdicts.map((row) => [row.subjectId, row]));
      const caseOf = new Map(cases.map((row) => [row.subjectId, row]));
      sendContentRange(reply, 'batch-results', skip, rows.length, total);
      return rows.map((row): Static<typeof BatchResult> => {
        const automated = verdictOf.get(row.id);
        const review = caseOf.get(row.id);
        return {
          id: row.id,
          batchId: batch.id,
          subjectType: batch.subjectType,
          line: row.line,
          reference: row.reference,
          owner: row.owner,
          status: row.status,
          verdict: row.verdict ?? (automated?.outcome === 'escalate' ? 'escalate' : null),
          automatedOutcome: automated?.outcome ?? null,
          reasonCodes: [...new Set(((automated?.reasons as { code?: unknown }[] | undefined) ?? []).flatMap((reason) => (typeof reason.code === 'string' ? [reason.code] : [])))],
          caseId: review?.id ?? null,
          caseStatus: review?.status ?? null,
          completedAt: row.completedAt?.toISOString() ?? null,
        };
      });
    },
  );
};
