import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../../../core/database.ts';
import type { Prisma } from '../../../prisma/generated/client.ts';
import { decideVettingUpdate } from '../../../workflows/sellerVetting.ts';
import { moderatorOf } from '../../plugins/authentication.ts';
import { presentVetting } from '../seller-vettings/present.ts';
import { SellerVettingView } from '../seller-vettings/schemas.ts';
import { ListQuerystring, parseListQuery } from '../../listQuery.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { temporalUnavailable, withTemporalDeadline } from '../../temporalCalls.ts';

const CaseView = Type.Object({
  id: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.String(),
  status: Type.String(),
  priority: Type.String(),
  reasons: Type.Array(Type.Unknown()),
  slaDueAt: Type.String({ format: 'date-time' }),
  slaBreaches: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  decision: Type.Union([Type.Object({ outcome: Type.String(), moderatorId: Type.String(), note: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
});

const UPDATE_DEADLINE_MS = 15_000;
const SORTABLE = ['slaDueAt', 'createdAt', 'priority', 'status'] as const;
const CaseFilter = Type.Object({ status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('decided')])) }, { additionalProperties: false });

type CaseRow = Prisma.CaseGetPayload<{ include: { decision: true } }>;
const present = (row: CaseRow) => ({
  id: row.id,
  subjectType: row.subjectType,
  subjectId: row.subjectId,
  status: row.status,
  priority: row.priority,
  reasons: row.reasons as unknown[],
  slaDueAt: row.slaDueAt.toISOString(),
  slaBreaches: row.slaBreaches,
  createdAt: row.createdAt.toISOString(),
  decidedAt: row.decidedAt?.toISOString() ?? null,
  decision: row.decision && { outcome: row.decision.outcome, moderatorId: row.decision.moderatorId, note: row.decision.note },
});

/** The review queue for moderators; a decision resumes the workflow waiting on the case. */
export const caseRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient; temporal: Client; publicUrl: string }> = async (app, { prisma, temporal, publicUrl }) => {
  const tags = ['console: cases'];
  const anyModerator = app.requireModerator(['moderator', 'senior_moderator', 'admin']);
  const findCase = async (id: string) => {
    const row = await prisma.case.findUnique({ where: { id }, include: { decision: true } });
    if (!row) throw new ApiProblem(404, 'not-found', 'Not found', `No case ${id}`);
    return row;
  };

  app.get(
    '/admin/v1/cases',
    { onRequest: anyModerator, schema: { summary: 'The case queue', tags, security: [{ session: [] }], querystring: ListQuerystring, response: { 200: Type.Array(CaseView), ...problemResponses(400, 401, 403) } } },
    async (request, reply) => {
      const { start, skip, take, sort, filter } = parseListQuery(request.query, { sortable: SORTABLE, defaultSort: ['slaDueAt', 'ASC'], filter: CaseFilter, maxPageSize: 200 });
      const where: Prisma.CaseWhereInput = filter.status ? { status: filter.status } : {};
      const [rows, total] = await Promise.all([
        prisma.case.findMany({ where, orderBy: { [sort.field]: sort.order }, skip, take, include: { decision: true } }),
        prisma.case.count({ where }),
      ]);
      reply.header('content-range', `cases ${start}-${start + rows.length - 1}/${total}`);
      return rows.map(present);
    },
  );

  app.get(
    '/admin/v1/cases/:id',
    {
      onRequest: anyModerator,
      schema: {
        summary: 'One case, with the vetting it is about (verdict, reasons, signals)',
        tags,
        security: [{ session: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Intersect([CaseView, Type.Object({ subject: Type.Union([SellerVettingView, Type.Null()]) })]), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const row = await findCase(request.params.id);
      return { ...present(row), subject: await presentVetting(prisma, publicUrl, row.subjectId, row.tenantId) };
    },
  );

  app.post(
    '/admin/v1/cases/:id/decision',
    {
      onRequest: anyModerator,
      schema: {
        summary: 'Settle a case: the waiting workflow takes the decision and finishes',
        tags,
        security: [{ session: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ outcome: Type.Union([Type.Literal('approve'), Type.Literal('reject')]), note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ caseId: Type.String(), outcome: Type.String(), accepted: Type.Boolean() }), ...problemResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      const moderator = moderatorOf(request);
      const row = await findCase(request.params.id);
      if (row.status !== 'open') throw new ApiProblem(409, 'case-already-decided', 'Case already decided', 'Another decision settled this case first.');
      try {
        // A worker must take the update; if none does in time the moderator is told to retry
        // (the workflow's validator refuses a second decision, so a retry is safe).
        await withTemporalDeadline(
          temporal,
          () =>
            temporal.workflow.getHandle(row.workflowId).executeUpdate(decideVettingUpdate, {
              args: [{ outcome: request.body.outcome, moderatorId: moderator.id, note: request.body.note }],
            }),
          UPDATE_DEADLINE_MS,
        );
      } catch (error) {
        if (error instanceof WorkflowUpdateFailedError) {
          throw new ApiProblem(409, 'case-not-awaiting-decision', 'The case cannot take a decision now', error.cause?.message ?? error.message);
        }
        throw temporalUnavailable(error);
      }
      request.log.info({ caseId: row.id, outcome: request.body.outcome, moderatorId: moderator.id }, 'case decided');
      return { caseId: row.id, outcome: request.body.outcome, accepted: true };
    },
  );
};
