/**
 * Listing-screening batches in the console, in react-admin's simple-rest dialect: the batches of
 * the marketplaces the user works for (list with range, sort, filter and Content-Range; getOne;
 * getMany through `filter={"id":[…]}`), and a batch's results a page at a time as their own
 * resource, `listing-screening-batch-results`, read with `filter={"batchId":"…"}` (react-admin's
 * getManyReference). A batch of another marketplace answers 404, as a case of one does.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { PrismaClient } from '../../../core/database.ts';
import { listingScreeningCases } from '../../../core/listingScreening.ts';
import type { ListingScreeningBatch, Prisma } from '../../../prisma/generated/client.ts';
import { canSeeTenant, tenantWhere } from '../../auth/marketplaceScope.ts';
import { FilterUuid, ListQuerystring, parseListQuery, sendContentRange } from '../../listQuery.ts';
import { moderatorOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { notFound } from '../admin/consoleActor.ts';
import { marketplaceNames } from '../admin/cases/view.ts';
import { IdFilter, IdParams, idWhere } from '../admin/ids.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Status = Type.Union([Type.Literal('running'), Type.Literal('completed'), Type.Literal('failed')]);
const ScreeningStatus = Type.Union(['received', 'screening', 'awaiting_review', 'completed', 'failed'].map((status) => Type.Literal(status)));

const RejectedLine = Type.Object({ id: Type.Integer({ description: 'the line number, as react-admin keys rows' }), line: Type.Integer(), errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })) });

/** Where a batch's screenings stand; only on a single batch (counting is a pass over its listings). */
const BatchCounts = Type.Object({
  refused: Type.Integer({ description: 'lines refused at upload (counted as failed)' }),
  allow: Type.Integer(),
  block: Type.Integer(),
  awaitingReview: Type.Integer({ description: 'escalated, waiting for a moderator' }),
  failed: Type.Integer({ description: 'listings that could not be screened' }),
  pending: Type.Integer({ description: 'not screened yet' }),
});

const ConsoleBatch = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  marketplace: Type.String(),
  status: Type.String({ description: 'running, completed or failed' }),
  total: Type.Integer(),
  done: Type.Integer(),
  failed: Type.Integer(),
  rejectedLines: Type.Array(RejectedLine, { description: 'the first 100 refused lines with their errors' }),
  counts: Nullable(BatchCounts),
  workflowId: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  completedAt: Nullable(Type.String({ format: 'date-time' })),
});

const BatchResult = Type.Object({
  id: Type.String({ description: 'the screening' }),
  batchId: Type.String(),
  line: Type.Integer({ description: 'line of the upload' }),
  listingId: Type.String(),
  sellerId: Type.String(),
  status: Type.String(),
  verdict: Nullable(Type.String({ description: 'allow or block once final; escalate while a moderator decides' })),
  decidedBy: Nullable(Type.String()),
  automatedOutcome: Nullable(Type.String()),
  score: Nullable(Type.Number()),
  reasonCodes: Type.Array(Type.String(), { description: 'the codes of the automated verdict’s reasons, each once' }),
  caseId: Nullable(Type.String()),
  caseStatus: Nullable(Type.String()),
  completedAt: Nullable(Type.String({ format: 'date-time' })),
});

const BatchFilter = Type.Object({ id: Type.Optional(IdFilter), status: Type.Optional(Status), tenantId: Type.Optional(FilterUuid) }, { additionalProperties: false });
const ResultFilter = Type.Object(
  {
    batchId: Type.Optional(FilterUuid),
    verdict: Type.Optional(Type.Union([Type.Literal('allow'), Type.Literal('block'), Type.Literal('escalate')])),
    status: Type.Optional(ScreeningStatus),
  },
  { additionalProperties: false },
);
const BATCH_SORTABLE = ['createdAt', 'status', 'total'] as const;
const RESULT_SORTABLE = ['line'] as const;

type Counts = Static<typeof BatchCounts>;

async function countsOf(prisma: PrismaClient, batch: ListingScreeningBatch): Promise<Counts> {
  const groups = await prisma.listingScreening.groupBy({ by: ['status', 'finalVerdict'], where: { batchId: batch.id }, _count: { _all: true } });
  const counts: Counts = { refused: batch.total, allow: 0, block: 0, awaitingReview: 0, failed: 0, pending: 0 };
  for (const group of groups) {
    const n = group._count._all;
    counts.refused -= n;
    if (group.status === 'completed' && (group.finalVerdict === 'allow' || group.finalVerdict === 'block')) counts[group.finalVerdict] += n;
    else if (group.status === 'awaiting_review') counts.awaitingReview += n;
    else if (group.status === 'failed') counts.failed += n;
    else counts.pending += n;
  }
  return counts;
}

const present = (batch: ListingScreeningBatch, names: Map<string, string>, counts: Counts | null): Static<typeof ConsoleBatch> => ({
  id: batch.id,
  tenantId: batch.tenantId,
  marketplace: names.get(batch.tenantId) ?? batch.tenantId,
  status: batch.status,
  total: batch.total,
  done: batch.done,
  failed: batch.failed,
  rejectedLines: (batch.rejectedLines as Omit<Static<typeof RejectedLine>, 'id'>[]).map((entry) => ({ id: entry.line, ...entry })),
  counts,
  workflowId: batch.workflowId,
  createdAt: batch.createdAt.toISOString(),
  completedAt: batch.completedAt?.toISOString() ?? null,
});

/** The `where` of a results page: the final verdict, or `escalate` for those a moderator has yet to decide. */
function resultWhere(batchId: string, filter: Static<typeof ResultFilter>): Prisma.ListingScreeningWhereInput {
  const verdict = filter.verdict === undefined ? {} : filter.verdict === 'escalate' ? { status: 'awaiting_review' } : { status: 'completed', finalVerdict: filter.verdict };
  return { AND: [{ batchId }, verdict, filter.status ? { status: filter.status } : {}] };
}

export const listingScreeningConsoleBatchRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  const tags = ['console: listing screening'];
  const security = [{ session: [] }];

  /** A batch the user may see; any other answers 404, as if it did not exist. */
  const findVisible = async (request: FastifyRequest, id: string) => {
    const batch = await prisma.listingScreeningBatch.findUnique({ where: { id } });
    if (!batch || !canSeeTenant(moderatorOf(request), batch.tenantId)) throw notFound('listing screening batch', id);
    return batch;
  };

  app.get(
    '/admin/v1/listing-screening-batches',
    {
      schema: {
        summary: 'Listing-screening batches of the marketplaces the user works for, newest first (react-admin list: range, sort, filter id/status/tenantId)',
        tags,
        security,
        querystring: ListQuerystring,
        response: { 200: Type.Array(ConsoleBatch), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { skip, take, sort, filter } = parseListQuery(request.query, BatchFilter, BATCH_SORTABLE);
      const where: Prisma.ListingScreeningBatchWhereInput = {
        AND: [tenantWhere(moderatorOf(request)), idWhere(filter.id), filter.status ? { status: filter.status } : {}, filter.tenantId ? { tenantId: filter.tenantId } : {}],
      };
      const orderBy = [{ [sort?.field ?? 'createdAt']: sort?.order ?? 'desc' }, { id: 'asc' }] as Prisma.ListingScreeningBatchOrderByWithRelationInput[];
      const [rows, total] = await Promise.all([prisma.listingScreeningBatch.findMany({ where, orderBy, skip, take }), prisma.listingScreeningBatch.count({ where })]);
      const names = await marketplaceNames(prisma, rows.map((row) => row.tenantId));
      sendContentRange(reply, 'listing-screening-batches', skip, rows.length, total);
      return rows.map((row) => present(row, names, null));
    },
  );

  app.get(
    '/admin/v1/listing-screening-batches/:id',
    {
      schema: {
        summary: 'One listing-screening batch: progress, refused lines and where its listings stand',
        tags,
        security,
        params: IdParams,
        response: { 200: ConsoleBatch, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const batch = await findVisible(request, request.params.id);
      const [names, counts] = await Promise.all([marketplaceNames(prisma, [batch.tenantId]), countsOf(prisma, batch)]);
      return present(batch, names, counts);
    },
  );

  app.get(
    '/admin/v1/listing-screening-batch-results',
    {
      schema: {
        summary: "A batch's screenings in upload order, a page at a time (react-admin getManyReference: filter batchId (required), verdict, status; sort line)",
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
      const batch = await findVisible(request, filter.batchId);
      const where = resultWhere(batch.id, filter);
      const [rows, total] = await Promise.all([
        prisma.listingScreening.findMany({
          where,
          orderBy: [{ batchLine: sort?.order ?? 'asc' }],
          skip,
          take,
          select: { id: true, batchLine: true, listingId: true, sellerExternalId: true, status: true, finalVerdict: true, decidedBy: true, completedAt: true },
        }),
        prisma.listingScreening.count({ where }),
      ]);
      const bySubject = { subjectType: listingScreeningCases.subjectType, subjectId: { in: rows.map((row) => row.id) } };
      const [verdicts, cases] = await Promise.all([
        prisma.verdictRecord.findMany({ where: bySubject, select: { subjectId: true, outcome: true, score: true, reasons: true } }),
        prisma.case.findMany({ where: bySubject, select: { id: true, subjectId: true, status: true } }),
      ]);
      const verdictOf = new Map(verdicts.map((row) => [row.subjectId, row]));
      const caseOf = new Map(cases.map((row) => [row.subjectId, row]));
      sendContentRange(reply, 'listing-screening-batch-results', skip, rows.length, total);
      return rows.map((row) => {
        const automated = verdictOf.get(row.id);
        const review = caseOf.get(row.id);
        return {
          id: row.id,
          batchId: batch.id,
          line: row.batchLine ?? 0,
          listingId: row.listingId,
          sellerId: row.sellerExternalId,
          status: row.status,
          verdict: row.finalVerdict ?? (automated?.outcome === 'escalate' ? 'escalate' : null),
          decidedBy: row.decidedBy,
          automatedOutcome: automated?.outcome ?? null,
          score: automated?.score ?? null,
          reasonCodes: [...new Set(((automated?.reasons as { code?: unknown }[] | undefined) ?? []).flatMap((reason) => (typeof reason.code === 'string' ? [reason.code] : [])))],
          caseId: review?.id ?? null,
          caseStatus: review?.status ?? null,
          completedAt: row.completedAt?.toISOString() ?? null,
        };
      });
    },
  );
};
