/**
 * Statements of reasons (DSA Art. 17), as a marketplace reads them to tell the party it restricted
 * why: `GET /v1/statements-of-reasons?subject=<screening, vetting or check id>` or
 * `?affectedParty=<the marketplace's seller or creator id>`, newest first, and one by id. Every
 * capability's restrictions are here alike; each statement is also in its subject's verdict
 * (`verdict.statementOfReasons`) and so in the verdict webhooks. Only the marketplace's own.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { DataProtector } from '../../../core/dataProtection.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { ENFORCEMENT_POLICY_KEY } from '../../../core/enforcement.ts';
import { presentStatement } from '../../../core/statementsOfReasons.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { StatementOfReasonsView } from '../../verdictSchemas.ts';
import { SellerId } from '../seller-vettings/schemas.ts';
import { enforcementRecordRoutes } from './record.ts';
import { transparencyDatabaseRoutes } from './transparencyDatabase.ts';

/** The `enforcement` policy's parameters (core/enforcement.ts), checked when an admin publishes a version. */
export const EnforcementParametersSchema = Type.Object(
  {
    strikeExpiryDays: Type.Integer({ minimum: 1, maximum: 3650 }),
    strikeWeights: Type.Record(Type.String({ pattern: '^[a-z][a-z_]*$', maxLength: 64 }), Type.Number({ minimum: 0, maximum: 100 })),
    warningAtWeight: Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }),
    suspensionReviewAtWeight: Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }),
  },
  { additionalProperties: false },
);

/** Most statements one page answers. */
export const STATEMENTS_PAGE_MAX = 100;

export const statementOfReasonsRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient; protector: DataProtector; allowPrivateNetwork: boolean }> = async (app, { prisma, protector, allowPrivateNetwork }) => {
  await app.register(transparencyDatabaseRoutes, { prisma, protector, allowPrivateNetwork });
  await app.register(enforcementRecordRoutes, { prisma });
  app.policyKeys.register({ key: ENFORCEMENT_POLICY_KEY, parameters: EnforcementParametersSchema });
  app.get(
    '/v1/statements-of-reasons',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'Statements of reasons of a subject or of an affected party',
        description:
          'Give `subject` (the id of a listing screening, content screening, vetting or authenticity check) or `affectedParty` (the marketplace’s id of a seller or creator). ' +
          'Newest first, at most `limit` (100); `before` (a statement’s `createdAt`) pages back.',
        tags: ['statements of reasons'],
        security: [{ apiKey: [] }],
        querystring: Type.Object(
          {
            subject: Type.Optional(Type.String({ format: 'uuid' })),
            affectedParty: Type.Optional(SellerId),
            before: Type.Optional(Type.String({ format: 'date-time' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: STATEMENTS_PAGE_MAX, default: 50 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ statements: Type.Array(StatementOfReasonsView) }), ...problemResponses(400, 401, 429) },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      const { subject, affectedParty, before, limit = 50 } = request.query;
      if (subject === undefined && affectedParty === undefined) {
        throw new ApiProblem(400, 'validation-failed', 'A subject or an affected party is needed', 'give `subject` or `affectedParty`', [
          { field: 'querystring/subject', message: 'give subject or affectedParty' },
        ]);
      }
      const rows = await prisma.statementOfReasons.findMany({
        where: {
          tenantId,
          ...(subject === undefined ? {} : { subjectId: subject }),
          ...(affectedParty === undefined ? {} : { affectedPartyId: affectedParty }),
          ...(before === undefined ? {} : { createdAt: { lt: new Date(before) } }),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit,
      });
      return { statements: rows.map(presentStatement) };
    },
  );

  app.get(
    '/v1/statements-of-reasons/:id',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'One statement of reasons',
        tags: ['statements of reasons'],
        security: [{ apiKey: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: StatementOfReasonsView, ...problemResponses(400, 401, 404, 429) },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      const row = await prisma.statementOfReasons.findFirst({ where: { id: request.params.id, tenantId } });
      if (!row) throw new ApiProblem(404, 'not-found', 'No such statement of reasons', `no statement of reasons ${request.params.id}`);
      return presentStatement(row);
    },
  );
};
