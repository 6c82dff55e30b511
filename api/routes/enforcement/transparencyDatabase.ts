/**
 * Where a marketplace's statements of reasons are submitted: its DSA Transparency Database
 * endpoint (the sandbox's while it onboards, then production's) and the API token the Commission
 * gave it, stored encrypted and never shown again. `GET` answers the settings and how the export
 * stands; the `statement-export` schedule submits pending statements
 * (workers/activities/statementExport.ts). Without settings statements wait as `pending`.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { transparencyTokenContext } from '../../../core/cipherContexts.ts';
import type { DataProtector } from '../../../core/dataProtection.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { checkWebhookDestination, type HostnameResolver } from '../webhook-endpoints/destination.ts';

const Settings = Type.Object({
  url: Type.String({ description: 'the database’s statements endpoint, e.g. https://transparency.dsa.ec.europa.eu/api/v1/statements' }),
  enabled: Type.Boolean(),
  lastRunAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()], { description: 'why the last run stopped early; null when it did not' }),
  statements: Type.Object({ pending: Type.Integer(), accepted: Type.Integer(), refused: Type.Integer() }, { description: 'the marketplace’s statements by export status' }),
});

export const transparencyDatabaseRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient; protector: DataProtector; allowPrivateNetwork: boolean; resolveHostname?: HostnameResolver }> = async (
  app,
  { prisma, protector, allowPrivateNetwork, resolveHostname },
) => {
  const view = async (tenantId: string) => {
    const settings = await prisma.transparencyDatabaseSettings.findUnique({ where: { tenantId } });
    if (!settings) return null;
    const counts = await prisma.statementOfReasons.groupBy({ by: ['exportStatus'], where: { tenantId }, _count: { _all: true } });
    const count = (status: string) => counts.find((row) => row.exportStatus === status)?._count._all ?? 0;
    return {
      url: settings.url,
      enabled: settings.enabled,
      lastRunAt: settings.lastRunAt?.toISOString() ?? null,
      lastError: settings.lastError,
      statements: { pending: count('pending'), accepted: count('accepted'), refused: count('refused') },
    };
  };

  app.put(
    '/v1/transparency-database',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'Set where statements of reasons are submitted',
        description: 'The DSA Transparency Database endpoint and the marketplace’s API token for it (stored encrypted, never shown again).',
        tags: ['statements of reasons'],
        security: [{ apiKey: [] }],
        body: Type.Object(
          {
            url: Type.String({ minLength: 1, maxLength: 2048 }),
            token: Type.String({ minLength: 1, maxLength: 512 }),
            enabled: Type.Optional(Type.Boolean({ default: true })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Settings, ...problemResponses(400, 401, 429) },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      const url = await checkWebhookDestination(request.body.url, { allowPrivateNetwork, resolve: resolveHostname, refusal: { code: 'transparency-database-url-refused', noun: 'Transparency Database URL' } });
      const tokenCiphertext = protector.encrypt(request.body.token, transparencyTokenContext(tenantId));
      const enabled = request.body.enabled ?? true;
      await prisma.transparencyDatabaseSettings.upsert({
        where: { tenantId },
        create: { tenantId, url: url.toString(), tokenCiphertext, enabled },
        update: { url: url.toString(), tokenCiphertext, enabled, lastError: null },
      });
      return (await view(tenantId))!;
    },
  );

  app.get(
    '/v1/transparency-database',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'Where statements of reasons are submitted, and how the export stands',
        tags: ['statements of reasons'],
        security: [{ apiKey: [] }],
        response: { 200: Settings, ...problemResponses(401, 404, 429) },
      },
    },
    async (request) => {
      const found = await view(tenantOf(request).tenantId);
      if (!found) throw new ApiProblem(404, 'not-found', 'Not found', 'No Transparency Database endpoint is set: PUT /v1/transparency-database');
      return found;
    },
  );

  app.delete(
    '/v1/transparency-database',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'Stop submitting statements of reasons',
        description: 'Forgets the endpoint and token; statements not yet accepted stay pending.',
        tags: ['statements of reasons'],
        security: [{ apiKey: [] }],
        response: { 204: Type.Null(), ...problemResponses(401, 429) },
      },
    },
    async (request, reply) => {
      await prisma.transparencyDatabaseSettings.deleteMany({ where: { tenantId: tenantOf(request).tenantId } });
      return reply.code(204).send(null);
    },
  );
};
