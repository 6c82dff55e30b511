import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { PrismaClient } from '../../../core/database.ts';
import type { DataProtector } from '../../../core/dataProtection.ts';
import { webhookSecretContext } from '../../../core/cipherContexts.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';


const Endpoint = Type.Object({
  id: Type.String(),
  url: Type.String(),
  enabled: Type.Boolean(),
  disabledReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

interface Options {
  prisma: PrismaClient;
  protector: DataProtector;
  allowPlainHttp: boolean;
}

/** A marketplace registers where its webhooks go; the signing secret is shown once, on creation. */
export const webhookEndpointRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { prisma, protector, allowPlainHttp }) => {
  const tags = ['webhooks'];
  type Row = { id: string; url: string; enabled: boolean; disabledReason: string | null; createdAt: Date };
  const present = (row: Row) => ({ id: row.id, url: row.url, enabled: row.enabled, disabledReason: row.disabledReason, createdAt: row.createdAt.toISOString() });

  app.post(
    '/v1/webhook-endpoints',
    {
      onRequest: app.requireApiKey,
      config: { idempotent: true },
      schema: {
        summary: 'Register a webhook endpoint (Standard Webhooks signatures)',
        tags,
        security: [{ apiKey: [] }],
        body: Type.Object({ url: Type.String({ format: 'uri', maxLength: 2048 }) }, { additionalProperties: false }),
        response: { 201: Type.Intersect([Endpoint, Type.Object({ secret: Type.String({ description: 'whsec_…, shown only now' }) })]), ...problemResponses(400, 401, 409, 422) },
      },
    },
    async (request, reply) => {
      const url = new URL(request.body.url);
      if (url.protocol !== 'https:' && !(allowPlainHttp && url.protocol === 'http:')) {
        throw new ApiProblem(400, 'validation-failed', 'Webhook URL must use https', undefined, [{ field: 'body/url', message: 'must be an https URL' }]);
      }
      const secret = `whsec_${randomBytes(32).toString('base64')}`;
      const id = crypto.randomUUID();
      const row = await prisma.webhookEndpoint.create({
        data: { id, tenantId: tenantOf(request).tenantId, url: url.toString(), secretCiphertext: protector.encrypt(secret, webhookSecretContext(id)) },
      });
      return reply.code(201).send({ ...present(row), secret });
    },
  );

  app.get(
    '/v1/webhook-endpoints',
    { onRequest: app.requireApiKey, schema: { summary: 'Registered webhook endpoints', tags, security: [{ apiKey: [] }], response: { 200: Type.Object({ items: Type.Array(Endpoint) }), ...problemResponses(401) } } },
    async (request) => ({ items: (await prisma.webhookEndpoint.findMany({ where: { tenantId: tenantOf(request).tenantId }, orderBy: { createdAt: 'asc' } })).map(present) }),
  );

  app.get(
    '/v1/webhook-deliveries',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'Webhook events and every delivery attempt, newest first',
        tags,
        security: [{ apiKey: [] }],
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                type: Type.String(),
                status: Type.String(),
                createdAt: Type.String({ format: 'date-time' }),
                deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
                payload: Type.Unknown(),
                attempts: Type.Array(
                  Type.Object({ endpointId: Type.String(), attempt: Type.Integer(), outcome: Type.String(), httpStatus: Type.Union([Type.Integer(), Type.Null()]), durationMs: Type.Integer(), error: Type.Union([Type.String(), Type.Null()]), at: Type.String({ format: 'date-time' }) }),
                ),
              }),
            ),
          }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const events = await prisma.webhookEvent.findMany({
        where: { tenantId: tenantOf(request).tenantId },
        orderBy: { createdAt: 'desc' },
        take: request.query.limit ?? 50,
        include: { attempts: { orderBy: { createdAt: 'asc' } } },
      });
      return {
        items: events.map((event) => ({
          id: event.id,
          type: event.type,
          status: event.status,
          createdAt: event.createdAt.toISOString(),
          deliveredAt: event.deliveredAt?.toISOString() ?? null,
          payload: event.payload,
          attempts: event.attempts.map((attempt) => ({
            endpointId: attempt.endpointId,
            attempt: attempt.attempt,
            outcome: attempt.outcome,
            httpStatus: attempt.httpStatus,
            durationMs: attempt.durationMs,
            error: attempt.error,
            at: attempt.createdAt.toISOString(),
          })),
        })),
      };
    },
  );
};
