import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { appendAudit } from '../../../../core/audit.ts';
import type { PrismaClient } from '../../../../core/database.ts';
import type { CaseQueue } from '../../../../prisma/generated/client.ts';
import { tenantWhere } from '../../../auth/marketplaceScope.ts';
import type { Moderator } from '../../../auth/sessions.ts';
import { FilterUuid, ListQuerystring, parseListQuery, sendContentRange } from '../../../listQuery.ts';
import { moderatorOf } from '../../../plugins/authentication.ts';
import { isUniqueViolation } from '../../../prismaErrors.ts';
import { ApiProblem, problemResponses } from '../../../problem.ts';
import { consoleActor } from '../cases/access.ts';
import { queueAdmits, queueWhere } from './queueFilter.ts';
import { queueVisibleTo, requireQueueInScope, tenantIdsShownTo, visibleQueuesWhere } from './queueScope.ts';

const Role = Type.Union([Type.Literal('moderator'), Type.Literal('senior_moderator'), Type.Literal('admin')]);
const Priority = Type.Union([Type.Literal('low'), Type.Literal('normal'), Type.Literal('high'), Type.Literal('urgent')]);
const QueueBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    subjectTypes: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20, default: [] }),
    signalCodes: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 100, default: [] }),
    priorities: Type.Array(Priority, { maxItems: 4, default: [] }),
    tenantIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 1000, default: [] }),
    roles: Type.Array(Role, { maxItems: 3, default: [] }),
  },
  { additionalProperties: false },
);
type QueueBody = Static<typeof QueueBody>;
const QueueView = Type.Intersect([
  QueueBody,
  Type.Object({ id: Type.String(), open: Type.Integer(), overdue: Type.Integer(), createdAt: Type.String(), updatedAt: Type.String() }),
]);
const params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['console: queues'];
const security = [{ session: [] }];
const QUEUE_SORTABLE = ['id', 'name', 'createdAt', 'updatedAt'] as const;
const QueueFilter = Type.Object({ id: Type.Optional(Type.Array(FilterUuid, { maxItems: 200 })) }, { additionalProperties: false });

/**
 * Saved filters over cases; admins define them (an admin limited to some marketplaces, only queues
 * of those marketplaces), moderators work the ones open to their role.
 */
export const queueRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  async function present(queue: CaseQueue, moderator: Moderator) {
    const open = { AND: [tenantWhere(moderator), queueWhere(queue), { status: 'open' as const }] };
    const [openCount, overdue] = await Promise.all([prisma.case.count({ where: open }), prisma.case.count({ where: { AND: [open, { slaDueAt: { lte: new Date() } }] } })]);
    return { ...queue, tenantIds: tenantIdsShownTo(queue.tenantIds, moderator), priorities: queue.priorities as QueueBody['priorities'], open: openCount, overdue, createdAt: queue.createdAt.toISOString(), updatedAt: queue.updatedAt.toISOString() };
  }
  async function checkSubjectTypes(body: QueueBody): Promise<void> {
    const unknown = body.subjectTypes.filter((type) => !app.caseSubjects.get(type));
    if (unknown.length) throw new ApiProblem(400, 'validation-failed', 'Unknown subject type', `Known: ${app.caseSubjects.all().map((entry) => entry.definition.subjectType).join(', ')}`, [{ field: '/subjectTypes', message: `unknown: ${unknown.join(', ')}` }]);
  }
  // a queue of marketplaces the user does not work for answers as if it did not exist
  const findQueue = async (id: string, moderator: Moderator) => {
    const queue = await prisma.caseQueue.findUnique({ where: { id } });
    if (!queue || !queueVisibleTo(queue, moderator)) throw new ApiProblem(404, 'not-found', 'Not found', `No queue ${id}`);
    return queue;
  };
  // Scope is checked against the marketplaces a queue had when read: a write holds only if they
  // are still the queue's, so a change racing another admin's cannot slip past the check.
  const changedMeanwhile = () => new ApiProblem(409, 'queue-changed', 'Queue changed', 'The queue’s marketplaces changed meanwhile: reload it and try again.');
  const nameTaken = (error: unknown) => {
    if (isUniqueViolation(error)) return new ApiProblem(409, 'queue-name-taken', 'Queue name taken', 'Another queue has this name.');
    return error;
  };
  const record = (request: { ip: string }, moderator: Moderator, action: string, id: string, detail: Record<string, unknown> = {}) =>
    appendAudit(prisma, { actor: consoleActor(moderator), action, objectType: 'case_queue', objectId: id, detail, ipAddress: request.ip });

  app.get(
    '/admin/v1/queues',
    { schema: { summary: 'The queues open to the user’s role and marketplaces, with open and overdue counts', tags, security, querystring: ListQuerystring, response: { 200: Type.Array(QueueView), ...problemResponses(400, 401) } } },
    async (request, reply) => {
      const moderator = moderatorOf(request);
      // react-admin's simple-rest lists always send a sort (`id` unless told otherwise)
      const { filter, sort } = parseListQuery(request.query, QueueFilter, QUEUE_SORTABLE);
      const orderBy = [{ [sort?.field ?? 'name']: sort?.order ?? 'asc' }, { id: 'asc' as const }];
      const where = { AND: [filter.id ? { id: { in: filter.id } } : {}, visibleQueuesWhere(moderator)] };
      const queues = (await prisma.caseQueue.findMany({ where, orderBy })).filter((queue) => queueAdmits(queue, moderator.role));
      sendContentRange(reply, 'queues', 0, queues.length, queues.length);
      return await Promise.all(queues.map((queue) => present(queue, moderator)));
    },
  );

  app.get(
    '/admin/v1/queues/:id',
    { schema: { summary: 'One queue', tags, security, params, response: { 200: QueueView, ...problemResponses(401, 403, 404) } } },
    async (request) => {
      const moderator = moderatorOf(request);
      const queue = await findQueue(request.params.id, moderator);
      if (!queueAdmits(queue, moderator.role)) throw new ApiProblem(403, 'queue-closed-to-role', 'Not your queue', `The queue "${queue.name}" is not open to your role.`);
      return await present(queue, moderator);
    },
  );

  app.post(
    '/admin/v1/queues',
    { schema: { summary: 'Define a queue (admins)', tags, security, body: QueueBody, response: { 201: QueueView, ...problemResponses(400, 401, 403, 409) } } },
    async (request, reply) => {
      const moderator = moderatorOf(request);
      requireQueueInScope(request.body.tenantIds, moderator);
      await checkSubjectTypes(request.body);
      const queue = await prisma.caseQueue.create({ data: request.body }).catch((error: unknown) => Promise.reject(nameTaken(error)));
      await record(request, moderator, 'case_queue.created', queue.id, { name: queue.name });
      return reply.code(201).send(await present(queue, moderator));
    },
  );

  app.put(
    '/admin/v1/queues/:id',
    { schema: { summary: 'Change a queue (admins)', tags, security, params, body: QueueBody, response: { 200: QueueView, ...problemResponses(400, 401, 403, 404, 409) } } },
    async (request) => {
      const moderator = moderatorOf(request);
      // neither change a queue beyond the admin's marketplaces nor move one there
      const before = await findQueue(request.params.id, moderator);
      requireQueueInScope(before.tenantIds, moderator);
      requireQueueInScope(request.body.tenantIds, moderator);
      await checkSubjectTypes(request.body);
      const where = { id: before.id, tenantIds: { equals: before.tenantIds } };
      const { count } = await prisma.caseQueue.updateMany({ where, data: request.body }).catch((error: unknown) => Promise.reject(nameTaken(error)));
      if (count === 0) throw changedMeanwhile();
      const queue = await findQueue(before.id, moderator);
      await record(request, moderator, 'case_queue.changed', queue.id, { name: queue.name });
      return await present(queue, moderator);
    },
  );

  app.delete(
    '/admin/v1/queues/:id',
    { schema: { summary: 'Remove a queue (admins); its cases stay', tags, security, params, response: { 200: Type.Object({ id: Type.String() }), ...problemResponses(401, 403, 404, 409) } } },
    async (request) => {
      const moderator = moderatorOf(request);
      const queue = await findQueue(request.params.id, moderator);
      requireQueueInScope(queue.tenantIds, moderator);
      const { count } = await prisma.caseQueue.deleteMany({ where: { id: queue.id, tenantIds: { equals: queue.tenantIds } } });
      if (count === 0) throw changedMeanwhile();
      await record(request, moderator, 'case_queue.removed', queue.id, { name: queue.name });
      return { id: queue.id };
    },
  );
};
