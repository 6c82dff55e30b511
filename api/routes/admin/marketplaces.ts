/**
 * Marketplaces (tenants) for the operator: create, rename, disable. Disabling is immediate for the
 * public API (api/auth/apiKeys.ts refuses a disabled tenant's keys on the next request); nothing is
 * deleted, so a marketplace's history stays auditable and it can be enabled again.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { appendAudit } from '../../../core/audit.ts';
import type { PrismaClient } from '../../../core/database.ts';
import type { Prisma, Tenant } from '../../../prisma/generated/client.ts';
import { canSeeTenant, tenantWhere } from '../../auth/marketplaceScope.ts';
import { moderatorOf } from '../../plugins/authentication.ts';
import { isUniqueViolation } from '../../prismaErrors.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { auditedBy, notFound, requirePlatformWide } from './consoleActor.ts';
import { ListQuerystring, parseListQuery, sendContentRange } from '../../listQuery.ts';
import { IdFilter, IdParams, idWhere } from './ids.ts';

const Marketplace = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  disabled: Type.Boolean(),
  disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Slug = Type.String({ pattern: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$', description: 'lower-case letters, digits and dashes; fixed once created' });
const Filter = Type.Object({ id: Type.Optional(IdFilter), q: Type.Optional(Type.String({ maxLength: 200 })), disabled: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
const SORTABLE = ['name', 'slug', 'createdAt'] as const;

const present = (row: Tenant) => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  disabled: row.disabledAt !== null,
  disabledAt: row.disabledAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

export const marketplaceRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  const tags = ['console: operator admin'];
  const security = [{ session: [] }];

  /** One marketplace the user manages; another one answers 404, as if it did not exist. */
  const findManaged = async (request: FastifyRequest, id: string) => {
    const row = await prisma.tenant.findUnique({ where: { id } });
    if (!row || !canSeeTenant(moderatorOf(request), row.id)) throw notFound('marketplace', id);
    return row;
  };

  app.get(
    '/admin/v1/marketplaces',
    { schema: { summary: 'Marketplaces (react-admin list: range, sort, filter id/q/disabled)', tags, security, querystring: ListQuerystring, response: { 200: Type.Array(Marketplace), ...problemResponses(400, 401, 403) } } },
    async (request, reply) => {
      const query = parseListQuery(request.query, Filter, SORTABLE);
      const sort = query.sort ?? { field: 'name', order: 'asc' };
      const { id, q, disabled } = query.filter;
      const scope = tenantWhere(moderatorOf(request)).tenantId;
      const where: Prisma.TenantWhereInput = {
        AND: [
          idWhere(id),
          scope ? { id: scope } : {},
          q ? { OR: [{ name: { contains: q, mode: 'insensitive' } }, { slug: { contains: q.toLowerCase() } }] } : {},
          disabled === undefined ? {} : { disabledAt: disabled ? { not: null } : null },
        ],
      };
      const orderBy = [{ [sort.field]: sort.order }, { id: 'asc' }] as Prisma.TenantOrderByWithRelationInput[];
      const [rows, total] = await Promise.all([
        prisma.tenant.findMany({ where, orderBy, skip: query.skip, take: query.take }),
        prisma.tenant.count({ where }),
      ]);
      sendContentRange(reply, 'marketplaces', query.skip, rows.length, total);
      return rows.map(present);
    },
  );

  app.get(
    '/admin/v1/marketplaces/:id',
    { schema: { summary: 'One marketplace', tags, security, params: IdParams, response: { 200: Marketplace, ...problemResponses(400, 401, 403, 404) } } },
    async (request) => present(await findManaged(request, request.params.id)),
  );

  app.post(
    '/admin/v1/marketplaces',
    {
      schema: {
        summary: 'Create a marketplace (platform-wide admins); issue it a key next',
        tags,
        security,
        body: Type.Object({ name: Name, slug: Slug }, { additionalProperties: false }),
        response: { 201: Marketplace, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      requirePlatformWide(request);
      try {
        const row = await prisma.$transaction(async (tx) => {
          const created = await tx.tenant.create({ data: { name: request.body.name.trim(), slug: request.body.slug } });
          await appendAudit(tx, { ...auditedBy(request), action: 'marketplace.created', objectType: 'marketplace', objectId: created.id, tenantId: created.id, detail: { slug: created.slug } });
          return created;
        });
        return reply.code(201).send(present(row));
      } catch (error) {
        if (isUniqueViolation(error)) throw new ApiProblem(409, 'slug-taken', 'Slug already in use', `A marketplace with the slug ${request.body.slug} exists.`, [{ field: 'body/slug', message: 'is taken' }]);
        throw error;
      }
    },
  );

  app.put(
    '/admin/v1/marketplaces/:id',
    {
      schema: {
        summary: 'Rename, disable (its API keys stop working at once) or enable a marketplace',
        tags,
        security,
        params: IdParams,
        body: Type.Object({ name: Type.Optional(Name), disabled: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 200: Marketplace, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const current = await findManaged(request, request.params.id);
      const { name, disabled } = request.body;
      const data: Prisma.TenantUpdateInput = {};
      const changes: string[] = [];
      if (name !== undefined && name.trim() !== current.name) {
        data.name = name.trim();
        changes.push('renamed');
      }
      if (disabled !== undefined && disabled !== (current.disabledAt !== null)) {
        data.disabledAt = disabled ? new Date() : null;
        changes.push(disabled ? 'disabled' : 'enabled');
      }
      if (changes.length === 0) return present(current);
      const row = await prisma.$transaction(async (tx) => {
        const updated = await tx.tenant.update({ where: { id: current.id }, data });
        for (const change of changes) {
          const detail = change === 'renamed' ? { from: current.name, to: updated.name } : {};
          await appendAudit(tx, { ...auditedBy(request), action: `marketplace.${change}`, objectType: 'marketplace', objectId: current.id, tenantId: current.id, detail });
        }
        return updated;
      });
      return present(row);
    },
  );
};
