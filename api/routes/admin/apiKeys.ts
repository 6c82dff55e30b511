/**
 * Marketplace API keys for the operator: issue (the secret is in the creation response only; the
 * database keeps its SHA-256), rename, revoke. A marketplace may hold several active keys, so a new
 * key can be rolled out before the old one is revoked. Revoking keeps the row (name, last use,
 * when it was revoked) for the audit trail; DELETE is the react-admin name for it.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { appendAudit } from '../../../core/audit.ts';
import type { PrismaClient } from '../../../core/database.ts';
import type { ApiKey, Prisma } from '../../../prisma/generated/client.ts';
import { issueApiKey } from '../../auth/apiKeys.ts';
import { canSeeTenant, tenantWhere } from '../../auth/marketplaceScope.ts';
import { moderatorOf } from '../../plugins/authentication.ts';
import { problemResponses } from '../../problem.ts';
import { auditedBy, notFound } from './consoleActor.ts';
import { ListQuerystring, parseListQuery, sendContentRange } from '../../listQuery.ts';
import { IdFilter, IdParams, idWhere, Uuid } from './ids.ts';

const KeyView = Type.Object({
  id: Type.String(),
  marketplaceId: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'the first characters of the key, to tell keys apart' }),
  active: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Filter = Type.Object({ id: Type.Optional(IdFilter), marketplaceId: Type.Optional(Uuid), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
const SORTABLE = ['createdAt', 'name', 'lastUsedAt'] as const;

const present = (row: ApiKey) => ({
  id: row.id,
  marketplaceId: row.tenantId,
  name: row.name,
  prefix: row.prefix,
  active: row.revokedAt === null,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

export const apiKeyRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  const tags = ['console: operator admin'];
  const security = [{ session: [] }];

  /** A key of a marketplace the user manages; any other answers 404. */
  const findManaged = async (request: FastifyRequest, id: string) => {
    const row = await prisma.apiKey.findUnique({ where: { id } });
    if (!row || !canSeeTenant(moderatorOf(request), row.tenantId)) throw notFound('API key', id);
    return row;
  };

  app.get(
    '/admin/v1/api-keys',
    { schema: { summary: 'API keys (react-admin list: filter marketplaceId, active, id)', tags, security, querystring: ListQuerystring, response: { 200: Type.Array(KeyView), ...problemResponses(400, 401, 403) } } },
    async (request, reply) => {
      const query = parseListQuery(request.query, Filter, SORTABLE);
      const sort = query.sort ?? { field: 'createdAt', order: 'asc' };
      const { id, marketplaceId, active } = query.filter;
      const where: Prisma.ApiKeyWhereInput = {
        AND: [
          idWhere(id),
          tenantWhere(moderatorOf(request)),
          marketplaceId ? { tenantId: marketplaceId } : {},
          active === undefined ? {} : { revokedAt: active ? null : { not: null } },
        ],
      };
      const orderBy = [{ [sort.field]: sort.order }, { id: 'asc' }] as Prisma.ApiKeyOrderByWithRelationInput[];
      const [rows, total] = await Promise.all([prisma.apiKey.findMany({ where, orderBy, skip: query.skip, take: query.take }), prisma.apiKey.count({ where })]);
      sendContentRange(reply, 'api-keys', query.skip, rows.length, total);
      return rows.map(present);
    },
  );

  app.get(
    '/admin/v1/api-keys/:id',
    { schema: { summary: 'One API key (never its secret)', tags, security, params: IdParams, response: { 200: KeyView, ...problemResponses(400, 401, 403, 404) } } },
    async (request) => present(await findManaged(request, request.params.id)),
  );

  app.post(
    '/admin/v1/api-keys',
    {
      schema: {
        summary: 'Issue a key for a marketplace; the answer carries the key, shown this once',
        tags,
        security,
        body: Type.Object({ marketplaceId: Uuid, name: Name }, { additionalProperties: false }),
        response: { 201: Type.Intersect([KeyView, Type.Object({ key: Type.String({ description: 'bf_…; only its hash is kept' }) })]), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { marketplaceId, name } = request.body;
      const tenant = await prisma.tenant.findUnique({ where: { id: marketplaceId } });
      if (!tenant || !canSeeTenant(moderatorOf(request), tenant.id)) throw notFound('marketplace', marketplaceId);
      const { row, key } = await prisma.$transaction(async (tx) => {
        const issued = await issueApiKey(tx, tenant.id, name.trim());
        await appendAudit(tx, { ...auditedBy(request), action: 'api_key.issued', objectType: 'api_key', objectId: issued.id, tenantId: tenant.id, detail: { name: name.trim(), prefix: issued.prefix } });
        return { row: await tx.apiKey.findUniqueOrThrow({ where: { id: issued.id } }), key: issued.key };
      });
      return reply.code(201).send({ ...present(row), key });
    },
  );

  app.put(
    '/admin/v1/api-keys/:id',
    {
      schema: {
        summary: 'Rename a key',
        tags,
        security,
        params: IdParams,
        body: Type.Object({ name: Name }, { additionalProperties: false }),
        response: { 200: KeyView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const current = await findManaged(request, request.params.id);
      const name = request.body.name.trim();
      if (name === current.name) return present(current);
      const row = await prisma.$transaction(async (tx) => {
        const updated = await tx.apiKey.update({ where: { id: current.id }, data: { name } });
        await appendAudit(tx, { ...auditedBy(request), action: 'api_key.renamed', objectType: 'api_key', objectId: current.id, tenantId: current.tenantId, detail: { from: current.name, to: name } });
        return updated;
      });
      return present(row);
    },
  );

  app.delete(
    '/admin/v1/api-keys/:id',
    {
      schema: {
        summary: 'Revoke a key: the next request with it is refused (revoking twice is harmless)',
        tags,
        security,
        params: IdParams,
        response: { 200: KeyView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const current = await findManaged(request, request.params.id);
      if (current.revokedAt) return present(current);
      const row = await prisma.$transaction(async (tx) => {
        const updated = await tx.apiKey.update({ where: { id: current.id }, data: { revokedAt: new Date() } });
        await appendAudit(tx, { ...auditedBy(request), action: 'api_key.revoked', objectType: 'api_key', objectId: current.id, tenantId: current.tenantId, detail: { name: current.name, prefix: current.prefix } });
        return updated;
      });
      return present(row);
    },
  );
};
