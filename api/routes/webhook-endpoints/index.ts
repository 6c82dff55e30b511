import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { PrismaClient } from '../../../core/database.ts';
import type { DataProtector } from '../../../core/dataProtection.ts';
import { webhookSecretContext } from '../../../core/cipherContexts.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { checkWebhookDestination, type HostnameResolver } from './destination.ts';

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
  /** development only: http:// and private, loopback or link-local destinations */
  allowPrivateNetwork: boolean;
  resolveHostname?: HostnameResolver;
}

/** A marketplace registers where its webhooks go; the signing secret is shown once, on creation. */
export const webhookEndpointRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { prisma, protector, allowPrivateNetwork, resolveHostname }) => {
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
        description: 'The URL must be https, carry no credentials and point to a public address (private, loopback and link-local ones are refused).',
        response: { 201: Type.Intersect([Endpoint, Type.Object({ secret: Type.String({ description: 'whsec_…, shown only now' }) })]), ...problemResponses(400, 401, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const url = await checkWebhookDestination(request.body.url, { allowPrivateNetwork, resolve: resolveHostname });
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
    { onRequest: app.requireApiKey, schema: { summary: 'Registered webhook endpoints', tags, security: [{ apiKey: [] }], response: { 200: Type.Object({ items: Type.Array(Endpoint) }), ...problemResponses(401, 429) } } },
    async (request) => ({
      items: (await prisma.webhookEndpoint.findMany({ where: { tenantId: tenantOf(request).tenantId, deletedAt: null }, orderBy: { createdAt: 'asc' } })).map(present),
    }),
  );

  app.delete(
    '/v1/webhook-endpoints/:id',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'Delete a webhook endpoint',
        description: 'Nothing more is sent to it (deliveries in progress stop) and its secret is erased; its past attempts stay listed.',
        tags,
        security: [{ apiKey: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), ...problemResponses(400, 401, 404, 429) },
      },
    },
    async (request, reply) => {
      // Another tenant's endpoint, or one already deleted, answers exactly like a missing one.
      const deleted = await prisma.webhookEndpoint.updateMany({
        where: { id: request.params.id, tenantId: tenantOf(request).tenantId, deletedAt: null },
        data: { deletedAt: new Date(), enabled: false, disabledAt: new Date(), disabledReason: 'deleted', secretCiphertext: new Uint8Array(0) },
      });
      if (deleted.count === 0) throw new ApiProblem(404, 'not-found', 'Not found', `No webhook endpoint ${request.params.id}`);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/webhook-deliveries',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'Webhook events, where each stands at every endpoint, and every delivery attempt, newest first',
        description:
          'Each endpoint is retried and settled on its own: `deliveries` has one entry per endpoint (`pending` while it is retried, `delivered`, or `failed` once its retries ran out). The event\'s `status` sums them up: `delivered` when every endpoint has it, `failed` when none is pending and one never got it, `undeliverable` when there was no endpoint.',
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
                deliveries: Type.Array(
                  Type.Object({
                    endpointId: Type.String(),
                    status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
                    deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
                  }),
                ),
                attempts: Type.Array(
                  Type.Object({ endpointId: Type.String(), attempt: Type.Integer(), outcome: Type.String(), httpStatus: Type.Union([Type.Integer(), Type.Null()]), durationMs: Type.Integer(), error: Type.Union([Type.String(), Type.Null()]), at: Type.String({ format: 'date-time' }) }),
                ),
              }),
            ),
          }),
          ...problemResponses(400, 401, 429),
        },
      },
    },
    async (request) => {
      const events = await prisma.webhookEvent.findMany({
        where: { tenantId: tenantOf(request).tenantId },
        orderBy: { createdAt: 'desc' },
        take: request.query.limit ?? 50,
        include: { attempts: { orderBy: { createdAt: 'asc' } }, deliveries: { orderBy: { createdAt: 'asc' } } },
      });
      return {
        items: events.map((event) => ({
          id: event.id,
          type: event.type,
          status: event.status,
          createdAt: event.createdAt.toISOString(),
          deliveredAt: event.deliveredAt?.toISOString() ?? null,
          payload: event.payload,
          deliveries: event.deliveries.map((delivery) => ({ endpointId: delivery.endpointId, status: delivery.status, deliveredAt: delivery.deliveredAt?.toISOString() ?? null })),
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
