import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { LISTING_LIMITS, LISTING_SCREENING_POLICY_KEY, listingScreeningCapability } from '../../../core/listingScreening.ts';
import { reconciledOnRead } from '../../reconcileOnRead.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { apiKeyRateLimit } from '../../plugins/rateLimits.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import multipart from '@fastify/multipart';
import { listingBatchRoutes } from './batches.ts';
import { brandRoutes } from './brands.ts';
import { galleryImageRoutes } from './galleryImages.ts';
import { listingScreeningBatchSubject } from './batchSubject.ts';
import { listingScreeningCaseSubject } from './caseSubject.ts';
import { ListingParametersSchema } from './parameters.ts';
import { presentScreening, presentScreenings } from './present.ts';
import { ListingScreeningAccepted, ListingScreeningView, ListingSubmission } from './schemas.ts';
import { MAX_WAIT_SECONDS, waitForAnswer } from '../../verdictWait.ts';
import { submitListing, type ListingScreeningDependencies } from './submit.ts';

/**
 * A submission's body: the listing's text (at most LISTING_LIMITS) and up to ten pictures, inline
 * pictures base64. Larger pictures belong behind URLs.
 */
export const LISTING_BODY_MAX_BYTES = 16 * 1024 * 1024;
/** The `data` part of a gallery upload (label, brand, source, note). */
const MULTIPART_DATA_LIMIT = 16 * 1024;

export const listingScreeningRoutes: FastifyPluginAsyncTypebox<ListingScreeningDependencies> = async (app, deps) => {
  const { prisma, config } = deps;
  app.caseSubjects.register(listingScreeningCaseSubject(prisma));
  app.batchSubjects.register(listingScreeningBatchSubject(prisma));
  app.policyKeys.register({ key: LISTING_SCREENING_POLICY_KEY, parameters: ListingParametersSchema });
  await app.register(brandRoutes, { prisma });
  await app.register(multipart, { limits: { fileSize: LISTING_LIMITS.galleryImageMaxBytes, files: 1, fields: 1, parts: 2, fieldSize: MULTIPART_DATA_LIMIT } });
  await app.register(galleryImageRoutes, deps);
  await app.register(listingBatchRoutes, deps);
  const tags = ['listing screening'];

  app.post(
    '/v1/listing-screenings',
    {
      onRequest: app.requireApiKey,
      config: { idempotent: true, apiKeyBudget: apiKeyRateLimit('listing-screenings', config.API_KEY_REQUESTS_PER_MINUTE) },
      bodyLimit: LISTING_BODY_MAX_BYTES,
      schema: {
        summary: 'Screen a new or edited listing',
        description:
          'Requires an Idempotency-Key. Answers 202 with the screening\'s URL; with `?wait=N` (seconds, at most 30) it answers 200 with the screening ' +
          'when its verdict comes within the wait (escalate while a moderator decides). The final verdict also arrives by the `listing_screening.completed` webhook.',
        tags,
        security: [{ apiKey: [] }],
        querystring: Type.Object({ wait: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_WAIT_SECONDS })) }, { additionalProperties: false }),
        body: ListingSubmission,
        response: { 200: ListingScreeningView, 202: ListingScreeningAccepted, ...problemResponses(400, 401, 409, 413, 415, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const { tenantId } = tenantOf(request);
      const row = await submitListing(deps, app.workflowStarts, tenantId, request.body);
      const url = `${config.API_PUBLIC_URL}/v1/listing-screenings/${row.id}`;
      reply.header('location', `/v1/listing-screenings/${row.id}`);
      const wait = request.query.wait ?? 0;
      if (await waitForAnswer(request, wait, config, { id: row.id, answeredStatuses: listingScreeningCapability.answeredStatuses }, async () => (await prisma.listingScreening.findUnique({ where: { id: row.id }, select: { status: true } }))?.status)) {
        const view = await presentScreening(prisma, config.API_PUBLIC_URL, row.id, tenantId);
        if (view) return reply.code(200).send(view);
      }
      return reply.code(202).send({ id: row.id, status: row.status, url });
    },
  );

  app.get(
    '/v1/listing-screenings/:id',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'A screening: status, verdict, score, reasons, signals with evidence, policy version',
        tags,
        security: [{ apiKey: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: ListingScreeningView, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      const view = await presentScreening(prisma, config.API_PUBLIC_URL, request.params.id, tenantId);
      if (!view) throw new ApiProblem(404, 'not-found', 'Not found', `No listing screening ${request.params.id}`);
      if (!(await reconciledOnRead(deps, request, listingScreeningCapability, view.id))) return view;
      return (await presentScreening(prisma, config.API_PUBLIC_URL, view.id, tenantId)) ?? view;
    },
  );

  app.get(
    '/v1/listing-screenings',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: "A listing's screenings, newest first",
        tags,
        security: [{ apiKey: [] }],
        querystring: Type.Object({ listingId: Type.String({ minLength: 1, maxLength: LISTING_LIMITS.identifierMaxLength }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(ListingScreeningView) }), ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      return { items: await presentScreenings(prisma, config.API_PUBLIC_URL, { tenantId, listingId: request.query.listingId }, { take: 50 }) };
    },
  );
};
