import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CONTENT_SCREENING_POLICY_KEY, contentScreeningCapability } from '../../../core/contentScreening.ts';
import { reconciledOnRead } from '../../reconcileOnRead.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { contentBatchRoutes } from './batches.ts';
import { contentScreeningBatchSubject } from './batchSubject.ts';
import { contentScreeningCaseSubject } from './caseSubject.ts';
import { presentCluster, presentCreator, presentScreening } from './present.ts';
import { ContentPostSubmission, ContentScreeningAccepted, ContentScreeningParametersSchema, ContentScreeningView, CreatorContentView, ScriptClusterView } from './schemas.ts';
import { MAX_WAIT_SECONDS, waitForAnswer } from '../../verdictWait.ts';
import { submitContentPost, textLimitProblem, type ContentScreeningDependencies } from './submit.ts';


export const contentScreeningRoutes: FastifyPluginAsyncTypebox<ContentScreeningDependencies> = async (app, deps) => {
  const { prisma, config } = deps;
  app.caseSubjects.register(contentScreeningCaseSubject(prisma, config.API_PUBLIC_URL));
  app.batchSubjects.register(contentScreeningBatchSubject(prisma));
  app.policyKeys.register({ key: CONTENT_SCREENING_POLICY_KEY, parameters: ContentScreeningParametersSchema });
  const tags = ['content screening'];
  const security = [{ apiKey: [] }];

  app.post(
    '/v1/content-screenings',
    {
      onRequest: app.requireApiKey,
      config: { idempotent: true },
      // Past a text limit the answer is 413 whatever else is wrong with the body.
      preValidation: async (request) => {
        const problem = textLimitProblem(request.body);
        if (problem) throw problem;
      },
      schema: {
        summary: 'Screen a promotional post',
        description:
          'Requires an Idempotency-Key. Answers 202 with the screening URL; the verdict (clean, label, escalate) arrives by the ' +
          '`content_screening.completed` webhook and at the URL. With `?wait=N` (at most 30) the answer waits up to N seconds ' +
          'for the verdict and is then 200 with the full screening. Text limits: caption and on-screen text 5,000 characters, ' +
          'transcript 50,000, 100 hashtags of 100 characters (413 `text-too-large` past them).',
        tags,
        security,
        querystring: Type.Object({ wait: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_WAIT_SECONDS })) }, { additionalProperties: false }),
        body: ContentPostSubmission,
        response: { 200: ContentScreeningView, 202: ContentScreeningAccepted, ...problemResponses(400, 401, 409, 413, 415, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const { tenantId } = tenantOf(request);
      const row = await submitContentPost(deps, app.workflowStarts, tenantId, request.body);
      const url = `${config.API_PUBLIC_URL}/v1/content-screenings/${row.id}`;
      reply.header('location', `/v1/content-screenings/${row.id}`);
      const wait = request.query.wait ?? 0;
      if (await waitForAnswer(request, wait, config, { id: row.id, answeredStatuses: contentScreeningCapability.answeredStatuses }, async () => (await prisma.contentScreening.findUnique({ where: { id: row.id }, select: { status: true } }))?.status)) {
        const view = await presentScreening(prisma, config.API_PUBLIC_URL, row.id, tenantId);
        if (view) return reply.code(200).send(view);
      }
      return reply.code(202).send({ id: row.id, postId: row.externalPostId, status: row.status, url });
    },
  );

  await app.register(contentBatchRoutes, deps);

  app.get(
    '/v1/content-screenings/:id',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'A screening: verdict, reasons, signals with evidence, the post as given',
        tags,
        security,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: ContentScreeningView, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      const view = await presentScreening(prisma, config.API_PUBLIC_URL, request.params.id, tenantId);
      if (!view) throw new ApiProblem(404, 'not-found', 'Not found', `No content screening ${request.params.id}`);
      if (!(await reconciledOnRead(deps, request, contentScreeningCapability, view.id))) return view;
      return (await presentScreening(prisma, config.API_PUBLIC_URL, view.id, tenantId)) ?? view;
    },
  );

  app.get(
    '/v1/script-clusters/:id',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: "A script cluster: its posts, creators, sellers, first and last seen (a merged cluster's id answers with the cluster it joined)",
        tags,
        security,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: ScriptClusterView, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const view = await presentCluster(prisma, request.params.id, tenantOf(request).tenantId);
      if (!view) throw new ApiProblem(404, 'not-found', 'Not found', `No script cluster ${request.params.id}`);
      return view;
    },
  );

  app.get(
    '/v1/creators/:creatorId/content',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: "A creator's posting rate, disclosure rate, script clusters and recent screenings",
        tags,
        security,
        params: Type.Object({ creatorId: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$' }) }),
        response: { 200: CreatorContentView, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const view = await presentCreator(prisma, config.API_PUBLIC_URL, request.params.creatorId, tenantOf(request).tenantId);
      if (!view) throw new ApiProblem(404, 'not-found', 'Not found', `No content from creator ${request.params.creatorId}`);
      return view;
    },
  );
};
