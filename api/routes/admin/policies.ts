/**
 * Policy versions for the operator: read every version of each policy; change one by creating the
 * next version (never by editing in place), so each verdict's recorded version keeps meaning what
 * it meant. New rules are the body's `rules`, validated against the evaluator's schema
 * (workers/policy/policySchema.ts) like any body, so a version the worker cannot read is never stored; the highest version of a key is in force from the next verdict on.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { appendAudit } from '../../../core/audit.ts';
import type { PrismaClient } from '../../../core/database.ts';
import type { Policy, Prisma } from '../../../prisma/generated/client.ts';
import { policyProblems, type PolicyRules } from '../../../workers/policy/policy.ts';
import { PolicyRulesSchema } from '../../../workers/policy/policySchema.ts';
import { isUniqueViolation } from '../../prismaErrors.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { auditedBy, notFound, requirePlatformWide } from './consoleActor.ts';
import { ListQuerystring, parseListQuery, sendContentRange } from '../../listQuery.ts';
import { IdFilter, IdParams, idWhere } from './ids.ts';

const PolicyKey = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64, description: 'e.g. seller-vetting' });
const PolicyView = Type.Object({
  id: Type.String(),
  key: Type.String(),
  version: Type.Integer(),
  rules: Type.Unknown({ description: 'the rules, in the shape of workers/policy/policySchema.ts' }),
  note: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
const Filter = Type.Object({ id: Type.Optional(IdFilter), key: Type.Optional(PolicyKey) }, { additionalProperties: false });
const SORTABLE = ['key', 'version', 'createdAt'] as const;

const present = (row: Policy) => ({
  id: row.id,
  key: row.key,
  version: row.version,
  rules: row.rules,
  note: row.note,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
});

export const policyRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  const tags = ['console: operator admin'];
  const security = [{ session: [] }];

  app.get(
    '/admin/v1/policies',
    { schema: { summary: 'Every version of every policy (react-admin list: filter key, id)', tags, security, querystring: ListQuerystring, response: { 200: Type.Array(PolicyView), ...problemResponses(400, 401, 403) } } },
    async (request, reply) => {
      const query = parseListQuery(request.query, Filter, SORTABLE);
      const sort = query.sort ?? { field: 'key', order: 'asc' };
      const where: Prisma.PolicyWhereInput = { AND: [idWhere(query.filter.id), query.filter.key ? { key: query.filter.key } : {}] };
            // Versions of one key read newest first under any key order.
      const orderBy = [{ [sort.field]: sort.order }, { key: 'asc' }, { version: 'desc' }] as Prisma.PolicyOrderByWithRelationInput[];
      const [rows, total] = await Promise.all([prisma.policy.findMany({ where, orderBy, skip: query.skip, take: query.take }), prisma.policy.count({ where })]);
      sendContentRange(reply, 'policies', query.skip, rows.length, total);
      return rows.map(present);
    },
  );

  app.get(
    '/admin/v1/policies/:id',
    { schema: { summary: 'One policy version', tags, security, params: IdParams, response: { 200: PolicyView, ...problemResponses(400, 401, 403, 404) } } },
    async (request) => {
      const row = await prisma.policy.findUnique({ where: { id: request.params.id } });
      if (!row) throw notFound('policy version', request.params.id);
      return present(row);
    },
  );

  app.post(
    '/admin/v1/policies',
    {
      schema: {
        summary: 'Create the next version of a policy (in force for the next verdict); versions are never edited',
        tags,
        security,
        body: Type.Object({ key: PolicyKey, rules: PolicyRulesSchema, note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
        response: { 201: PolicyView, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const admin = requirePlatformWide(request);
      const { key, rules, note } = request.body;
      if (!app.policyKeys.has(key)) {
        throw new ApiProblem(400, 'unknown-policy-key', 'No capability reads this policy', `Known policy keys: ${app.policyKeys.keys().join(', ')}.`, [{ field: 'key', message: 'is not a known policy key' }]);
      }
      const problems = [...policyProblems(rules as PolicyRules), ...app.policyKeys.parameterProblems(key, rules.parameters)];
      if (problems.length > 0) {
        throw new ApiProblem(400, 'invalid-policy', 'The policy cannot be evaluated', problems.join('; '), problems.map((problem) => {
          const [field, ...message] = problem.split(': ');
          return { field: `rules/${field}`, message: message.join(': ') };
        }));
      }
      try {
        const row = await prisma.$transaction(async (tx) => {
          const latest = await tx.policy.findFirst({ where: { key }, orderBy: { version: 'desc' }, select: { version: true } });
          const version = (latest?.version ?? 0) + 1;
          const created = await tx.policy.create({ data: { key, version, rules: rules as Prisma.InputJsonValue, note: note ?? null, createdBy: admin.email } });
          await appendAudit(tx, { ...auditedBy(request), action: 'policy.version_created', objectType: 'policy', objectId: created.id, detail: { key, version, previousVersion: latest?.version ?? null } });
          return created;
        });
        return reply.code(201).send(present(row));
      } catch (error) {
        // Two admins saving at once: the unique (key, version) lets one through.
        if (isUniqueViolation(error)) throw new ApiProblem(409, 'policy-version-conflict', 'Another version was saved first', `Reload ${key} and apply your change to its newest version.`);
        throw error;
      }
    },
  );
};
