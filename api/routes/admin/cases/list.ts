import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { PrismaClient } from '../../../../core/database.ts';
import type { Prisma } from '../../../../prisma/generated/client.ts';
import { tenantWhere } from '../../../auth/marketplaceScope.ts';
import { FilterUuid, ListQuerystring, parseListQuery, sendContentRange } from '../../../listQuery.ts';
import { moderatorOf } from '../../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../../problem.ts';
import { queueAdmits, queueWhere } from '../queues/queueFilter.ts';
import { queueVisibleTo } from '../queues/queueScope.ts';
import { caseInclude, CaseView, marketplaceNames, presentCase } from './view.ts';

const CaseFilter = Type.Object(
  {
    id: Type.Optional(Type.Array(FilterUuid, { maxItems: 200, description: 'getMany' })),
    queueId: Type.Optional(FilterUuid),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('decided')])),
    priority: Type.Optional(Type.Union([Type.Literal('low'), Type.Literal('normal'), Type.Literal('high'), Type.Literal('urgent')])),
    subjectType: Type.Optional(Type.String({ maxLength: 64 })),
    signalCode: Type.Optional(Type.String({ maxLength: 128 })),
    tenantId: Type.Optional(FilterUuid),
    sellerId: Type.Optional(FilterUuid),
    /** `me`, `none` or a user id */
    assignee: Type.Optional(Type.String({ maxLength: 64 })),
    overdue: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

// Open cases first, then the nearest deadline: overdue cases lead any queue.
const DEFAULT_ORDER: Prisma.CaseOrderByWithRelationInput[] = [{ status: 'asc' }, { slaDueAt: 'asc' }];
const SORTABLE = ['slaDueAt', 'createdAt', 'priority', 'status', 'decidedAt'] as const;

export const caseListRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  app.get(
    '/admin/v1/cases',
    {
      schema: {
        summary: 'Cases of every subject type, of the marketplaces the user works for (react-admin list)',
        tags: ['console: cases'],
        security: [{ session: [] }],
        querystring: ListQuerystring,
        response: { 200: Type.Array(CaseView), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const moderator = moderatorOf(request);
      const { skip, take, sort, filter } = parseListQuery(request.query, CaseFilter, SORTABLE);
      const now = new Date();
      const conditions: Prisma.CaseWhereInput[] = [tenantWhere(moderator)];
      if (filter.queueId) {
        const queue = await prisma.caseQueue.findUnique({ where: { id: filter.queueId } });
        // another marketplace's queue is not the user's to know of, not even by name
        if (!queue || !queueVisibleTo(queue, moderator)) throw new ApiProblem(404, 'not-found', 'Not found', `No queue ${filter.queueId}`);
        if (!queueAdmits(queue, moderator.role)) throw new ApiProblem(403, 'queue-closed-to-role', 'Not your queue', `The queue "${queue.name}" is not open to your role.`);
        conditions.push(queueWhere(queue));
      }
      if (filter.id) conditions.push({ id: { in: filter.id } });
      if (filter.status) conditions.push({ status: filter.status });
      if (filter.priority) conditions.push({ priority: filter.priority });
      if (filter.subjectType) conditions.push({ subjectType: filter.subjectType });
      if (filter.signalCode) conditions.push({ signalCodes: { has: filter.signalCode } });
      if (filter.tenantId) conditions.push({ tenantId: filter.tenantId });
      if (filter.sellerId) conditions.push({ sellerId: filter.sellerId });
      if (filter.overdue !== undefined) conditions.push(filter.overdue ? { status: 'open', slaDueAt: { lte: now } } : { OR: [{ status: 'decided' }, { slaDueAt: { gt: now } }] });
      if (filter.assignee === 'none') conditions.push({ OR: [{ claimedById: null }, { claimExpiresAt: { lte: now } }] });
      else if (filter.assignee) {
        const userId = filter.assignee === 'me' ? moderator.id : filter.assignee;
        if (!/^[0-9a-f-]{36}$/i.test(userId)) throw new ApiProblem(400, 'validation-failed', 'Malformed list query', 'assignee must be me, none or a user id', [{ field: 'querystring/filter/assignee', message: 'must be me, none or a user id' }]);
        conditions.push({ claimedById: userId, claimExpiresAt: { gt: now } });
      }
      const where: Prisma.CaseWhereInput = { AND: conditions };
      const orderBy = sort ? [{ [sort.field]: sort.order }, { id: 'asc' as const }] : DEFAULT_ORDER;
      const [rows, total] = await Promise.all([prisma.case.findMany({ where, orderBy, skip, take, include: caseInclude }), prisma.case.count({ where })]);
      const names = await marketplaceNames(prisma, rows.map((row) => row.tenantId));
      sendContentRange(reply, 'cases', skip, rows.length, total);
      return rows.map((row) => presentCase(row, app.caseSubjects, names, now));
    },
  );
};
