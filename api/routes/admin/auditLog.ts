import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { PrismaClient } from '../../../core/database.ts';
import type { Prisma } from '../../../prisma/generated/client.ts';
import { tenantWhere } from '../../auth/marketplaceScope.ts';
import { ListQuerystring, parseListQuery, sendContentRange } from '../../listQuery.ts';
import { moderatorOf } from '../../plugins/authentication.ts';
import { problemResponses } from '../../problem.ts';

const AuditFilter = Type.Object(
  {
    action: Type.Optional(Type.String({ maxLength: 64 })),
    objectType: Type.Optional(Type.String({ maxLength: 64 })),
    objectId: Type.Optional(Type.String({ maxLength: 128 })),
    actorId: Type.Optional(Type.String({ maxLength: 128 })),
  },
  { additionalProperties: false },
);
const AuditView = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Object({ type: Type.String(), id: Type.Union([Type.String(), Type.Null()]), label: Type.String() }),
  action: Type.String(),
  objectType: Type.String(),
  objectId: Type.Union([Type.String(), Type.Null()]),
  tenantId: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Record(Type.String(), Type.Unknown()),
  ipAddress: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
});

/** The audit log, newest first, read-only. Users limited to marketplaces see those entries and platform-wide ones about themselves. */
export const auditLogRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  app.get(
    '/admin/v1/audit-log',
    { schema: { summary: 'Who did what, when, to which object, from where', tags: ['console: audit'], security: [{ session: [] }], querystring: ListQuerystring, response: { 200: Type.Array(AuditView), ...problemResponses(400, 401, 403) } } },
    async (request, reply) => {
      const moderator = moderatorOf(request);
      const { skip, take, filter } = parseListQuery(request.query, AuditFilter, ['id', 'at']);
      const scope = tenantWhere(moderator);
      const where: Prisma.AuditEntryWhereInput = {
        ...filter,
        ...(scope.tenantId ? { OR: [{ tenantId: scope.tenantId }, { actorId: moderator.id }] } : {}),
      };
      const [rows, total] = await Promise.all([prisma.auditEntry.findMany({ where, orderBy: { seq: 'desc' }, skip, take }), prisma.auditEntry.count({ where })]);
      sendContentRange(reply, 'audit-log', skip, rows.length, total);
      return rows.map((row) => ({
        id: row.seq.toString(),
        at: row.at.toISOString(),
        actor: { type: row.actorType, id: row.actorId, label: row.actorLabel },
        action: row.action,
        objectType: row.objectType,
        objectId: row.objectId,
        tenantId: row.tenantId,
        detail: row.detail as Record<string, unknown>,
        ipAddress: row.ipAddress,
        hash: row.hash,
      }));
    },
  );
};
