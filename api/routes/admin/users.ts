/**
 * Console users for the operator: create moderators with a role and the marketplaces they work
 * for, change those, disable (their sessions end at once) and reset a password (sessions end too).
 * Users are never deleted: decisions and audit entries keep pointing at them. Only platform-wide
 * admins manage users, since a user can be given any marketplace.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { appendAudit } from '../../../core/audit.ts';
import type { PrismaClient } from '../../../core/database.ts';
import type { Prisma } from '../../../prisma/generated/client.ts';
import { createConsoleUser, endSessionsOf, MIN_PASSWORD_LENGTH, unknownMarketplaces, UnknownMarketplacesError } from '../../auth/consoleUsers.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { isUniqueViolation } from '../../prismaErrors.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { auditedBy, notFound, requirePlatformWide } from './consoleActor.ts';
import { ListQuerystring, parseListQuery, sendContentRange } from '../../listQuery.ts';
import { IdFilter, IdParams, idWhere, Uuid } from './ids.ts';

const Role = Type.Union([Type.Literal('moderator'), Type.Literal('senior_moderator'), Type.Literal('admin')]);
const UserView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  role: Role,
  allMarketplaces: Type.Boolean(),
  marketplaceIds: Type.Array(Type.String()),
  disabled: Type.Boolean(),
  disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
const Password = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 });
const DisplayName = Type.String({ minLength: 1, maxLength: 200 });
const MarketplaceIds = Type.Array(Uuid, { maxItems: 1000, uniqueItems: true });
const Filter = Type.Object({
  id: Type.Optional(IdFilter),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  role: Type.Optional(Role),
  disabled: Type.Optional(Type.Boolean()),
  marketplaceId: Type.Optional(Uuid),
}, { additionalProperties: false });
const SORTABLE = ['email', 'displayName', 'role', 'createdAt'] as const;

type UserRow = Prisma.UserGetPayload<{ include: { memberships: { select: { tenantId: true } } } }>;
const withMemberships = { memberships: { select: { tenantId: true }, orderBy: { createdAt: 'asc' } } } as const;
const present = (row: UserRow) => ({
  id: row.id,
  email: row.email,
  displayName: row.displayName,
  role: row.role,
  allMarketplaces: row.allMarketplaces,
  marketplaceIds: row.memberships.map((membership) => membership.tenantId),
  disabled: row.disabledAt !== null,
  disabledAt: row.disabledAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

const unknownMarketplacesProblem = (ids: string[]) =>
  new ApiProblem(400, 'unknown-marketplace', 'Unknown marketplace', `No marketplace ${ids.join(', ')}`, [{ field: 'body/marketplaceIds', message: 'names a marketplace that does not exist' }]);

export const userRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  const tags = ['console: operator admin'];
  const security = [{ session: [] }];
  const findUser = async (id: string) => {
    const row = await prisma.user.findUnique({ where: { id }, include: withMemberships });
    if (!row) throw notFound('user', id);
    return row;
  };

  app.get(
    '/admin/v1/users',
    { schema: { summary: 'Console users (react-admin list: filter id, q, role, disabled, marketplaceId)', tags, security, querystring: ListQuerystring, response: { 200: Type.Array(UserView), ...problemResponses(400, 401, 403) } } },
    async (request, reply) => {
      requirePlatformWide(request);
      const query = parseListQuery(request.query, Filter, SORTABLE);
      const sort = query.sort ?? { field: 'email', order: 'asc' };
      const { id, q, role, disabled, marketplaceId } = query.filter;
      const where: Prisma.UserWhereInput = {
        AND: [
          idWhere(id),
          q ? { OR: [{ email: { contains: q, mode: 'insensitive' } }, { displayName: { contains: q, mode: 'insensitive' } }] } : {},
          role ? { role } : {},
          disabled === undefined ? {} : { disabledAt: disabled ? { not: null } : null },
          marketplaceId ? { OR: [{ allMarketplaces: true }, { memberships: { some: { tenantId: marketplaceId } } }] } : {},
        ],
      };
      const orderBy = [{ [sort.field]: sort.order }, { id: 'asc' }] as Prisma.UserOrderByWithRelationInput[];
      const [rows, total] = await Promise.all([prisma.user.findMany({ where, orderBy, skip: query.skip, take: query.take, include: withMemberships }), prisma.user.count({ where })]);
      sendContentRange(reply, 'users', query.skip, rows.length, total);
      return rows.map(present);
    },
  );

  app.get(
    '/admin/v1/users/:id',
    { schema: { summary: 'One console user', tags, security, params: IdParams, response: { 200: UserView, ...problemResponses(400, 401, 403, 404) } } },
    async (request) => {
      requirePlatformWide(request);
      return present(await findUser(request.params.id));
    },
  );

  app.post(
    '/admin/v1/users',
    {
      schema: {
        summary: 'Create a console user with a role and the marketplaces they work for',
        tags,
        security,
        body: Type.Object(
          { email: Type.String({ format: 'email', maxLength: 254 }), displayName: DisplayName, role: Role, password: Password, allMarketplaces: Type.Optional(Type.Boolean()), marketplaceIds: Type.Optional(MarketplaceIds) },
          { additionalProperties: false },
        ),
        response: { 201: UserView, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      requirePlatformWide(request);
      const { allMarketplaces = false, marketplaceIds = [], ...rest } = request.body;
      try {
        const row = await createConsoleUser(prisma, { ...rest, allMarketplaces, marketplaceIds }, auditedBy(request));
        return reply.code(201).send(present(row));
      } catch (error) {
        if (error instanceof UnknownMarketplacesError) throw unknownMarketplacesProblem(error.ids);
        if (isUniqueViolation(error)) throw new ApiProblem(409, 'email-taken', 'Email already in use', 'A console user with this email exists.', [{ field: 'body/email', message: 'is taken' }]);
        throw error;
      }
    },
  );

  app.put(
    '/admin/v1/users/:id',
    {
      schema: {
        summary: 'Change a user: name, role, marketplaces, disable (sessions end), reset the password (sessions end)',
        tags,
        security,
        params: IdParams,
        body: Type.Object(
          { displayName: Type.Optional(DisplayName), role: Type.Optional(Role), allMarketplaces: Type.Optional(Type.Boolean()), marketplaceIds: Type.Optional(MarketplaceIds), disabled: Type.Optional(Type.Boolean()), password: Type.Optional(Password) },
          { additionalProperties: false },
        ),
        response: { 200: UserView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const admin = requirePlatformWide(request);
      const current = await findUser(request.params.id);
      const { displayName, role, allMarketplaces, marketplaceIds, disabled, password } = request.body;
      // An admin who locks themselves out needs another admin (or the command line) to get back.
      if (current.id === admin.id && (disabled === true || (role !== undefined && role !== current.role) || allMarketplaces === false)) {
        throw new ApiProblem(409, 'own-access', 'Cannot reduce your own access', 'Another admin must disable, demote or narrow your account.');
      }
      const passwordHash = password === undefined ? undefined : await hashPassword(password);
      const row = await prisma.$transaction(async (tx) => {
        const data: Prisma.UserUpdateInput = {};
        if (displayName !== undefined && displayName.trim() !== current.displayName) data.displayName = displayName.trim();
        if (role !== undefined && role !== current.role) data.role = role;
        if (allMarketplaces !== undefined && allMarketplaces !== current.allMarketplaces) data.allMarketplaces = allMarketplaces;
        if (marketplaceIds !== undefined) {
          const missing = await unknownMarketplaces(tx, marketplaceIds);
          if (missing.length > 0) throw unknownMarketplacesProblem(missing);
          const before = current.memberships.map((membership) => membership.tenantId).sort().join(',');
          if ([...marketplaceIds].sort().join(',') !== before) {
            data.memberships = { deleteMany: {}, create: marketplaceIds.map((tenantId) => ({ tenantId })) };
          }
        }
        const changed = Object.keys(data).map((field) => (field === 'memberships' ? 'marketplaceIds' : field));
        if (changed.length > 0) {
          await tx.user.update({ where: { id: current.id }, data });
          await appendAudit(tx, { ...auditedBy(request), action: 'user.updated', objectType: 'user', objectId: current.id, detail: { fields: changed, role: role ?? current.role, marketplaceIds: marketplaceIds ?? null } });
        }
        if (disabled !== undefined && disabled !== (current.disabledAt !== null)) {
          await tx.user.update({ where: { id: current.id }, data: { disabledAt: disabled ? new Date() : null } });
          const sessionsEnded = disabled ? await endSessionsOf(tx, current.id) : 0;
          await appendAudit(tx, { ...auditedBy(request), action: disabled ? 'user.disabled' : 'user.enabled', objectType: 'user', objectId: current.id, detail: { sessionsEnded } });
        }
        if (passwordHash !== undefined) {
          await tx.user.update({ where: { id: current.id }, data: { passwordHash } });
          const sessionsEnded = await endSessionsOf(tx, current.id);
          await appendAudit(tx, { ...auditedBy(request), action: 'user.password_reset', objectType: 'user', objectId: current.id, detail: { sessionsEnded } });
        }
        return await tx.user.findUniqueOrThrow({ where: { id: current.id }, include: withMemberships });
      });
      return present(row);
    },
  );
};
