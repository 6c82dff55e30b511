/**
 * Seller probation for marketplaces: order events in (one or a batch, idempotent by eventId), and
 * the probation and each order's payout out, read from PostgreSQL. Registers the probation's
 * case subject and its policy key with the shape of the policy's parameters.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SELLER_PROBATION_POLICY_KEY } from '../../../core/sellerProbation.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { sellerProbationCaseSubject } from './caseSubject.ts';
import { ingestEvents, type ProbationRouteDependencies } from './ingest.ts';
import { probationPolicyMigrationRoutes } from './policyMigration.ts';
import { findProbation, presentPayout, presentProbation } from './present.ts';
import { EventsAccepted, PayoutParams, PayoutView, ProbationEventsBody, ProbationParametersSchema, ProbationView, SellerParams, type ProbationEventBody } from './schemas.ts';

export const sellerProbationRoutes: FastifyPluginAsyncTypebox<ProbationRouteDependencies> = async (app, deps) => {
  const { prisma, config } = deps;
  app.caseSubjects.register(sellerProbationCaseSubject(prisma));
  app.policyKeys.register({ key: SELLER_PROBATION_POLICY_KEY, parameters: ProbationParametersSchema });
  await app.register(probationPolicyMigrationRoutes, deps);
  const tags = ['seller probation'];
  const security = [{ apiKey: [] }];
  const probationUrl = (sellerId: string) => `${config.API_PUBLIC_URL}/v1/sellers/${encodeURIComponent(sellerId)}/probation`;

  app.post(
    '/v1/sellers/:sellerId/events',
    {
      onRequest: app.requireApiKey,
      // One event on its own is a batch of one: errors then name body/events/0/<field>.
      preValidation: async (request) => {
        const body = request.body as Record<string, unknown> | undefined;
        if (body && typeof body === 'object' && !Array.isArray(body) && !('events' in body)) (request as { body: unknown }).body = { events: [body] };
      },
      schema: {
        summary: "Order events of a seller on probation (one, or a batch of up to 1,000)",
        description:
          'Each event has its own eventId (the same eventId twice counts once, across requests) and occurredAt; events may arrive in any order. ' +
          'A malformed event refuses the whole batch (400 naming body/events/<index>/<field>) and nothing is stored. A seller not on probation is a 409. ' +
          'Idempotent by eventId, so a retried request needs no Idempotency-Key.',
        tags,
        security,
        params: SellerParams,
        body: ProbationEventsBody,
        response: { 202: EventsAccepted, ...problemResponses(400, 401, 409, 413, 415, 429, 503) },
      },
    },
    async (request, reply) => {
      const { tenantId } = tenantOf(request);
      const { events } = request.body as { events: ProbationEventBody[] };
      const accepted = await ingestEvents(deps, app.workflowStarts, tenantId, request.params.sellerId, events);
      return reply.code(202).header('location', probationUrl(request.params.sellerId)).send({ ...accepted, probation: probationUrl(request.params.sellerId) });
    },
  );

  app.get(
    '/v1/sellers/:sellerId/probation',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: "A seller's probation: status, orders, late shipments, rates against their limits, strikes, today's allowance, held payouts",
        tags,
        security,
        params: SellerParams,
        response: { 200: ProbationView, ...problemResponses(400, 401, 404, 429) },
      },
    },
    async (request) => {
      const probation = await findProbation(prisma, tenantOf(request).tenantId, request.params.sellerId);
      if (!probation) throw new ApiProblem(404, 'not-found', 'Not found', `Seller ${request.params.sellerId} has no probation`);
      return await presentProbation(prisma, probation);
    },
  );

  app.get(
    '/v1/sellers/:sellerId/payouts/:orderId',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: "Whether an order's payout may be released, and why not",
        tags,
        security,
        params: PayoutParams,
        response: { 200: PayoutView, ...problemResponses(400, 401, 404, 429) },
      },
    },
    async (request) => {
      const { sellerId, orderId } = request.params;
      const probation = await findProbation(prisma, tenantOf(request).tenantId, sellerId);
      if (!probation) throw new ApiProblem(404, 'not-found', 'Not found', `Seller ${sellerId} has no probation`);
      const payout = await presentPayout(prisma, probation, orderId);
      if (!payout) throw new ApiProblem(404, 'not-found', 'Not found', `No order ${orderId} of seller ${sellerId}`);
      return payout;
    },
  );
};
