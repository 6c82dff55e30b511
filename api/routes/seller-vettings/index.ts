import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { readDataAndFile } from '../../multipartForm.ts';
import { apiKeyRateLimit } from '../../plugins/rateLimits.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { sellerVettingCaseSubject } from './caseSubject.ts';
import { SELLER_VETTING_POLICY_KEY, sellerVettingCapability } from '../../../core/sellerVetting.ts';
import { presentVetting, presentVettings } from './present.ts';
import { SellerVettingAccepted, SellerVettingView, VettingMultipartData, VettingSubmissionJson } from './schemas.ts';
import { reconciledOnRead } from '../../reconcileOnRead.ts';
import { submitVetting, type SubmitDependencies, type VettingApplicant } from './submit.ts';

const MULTIPART_DATA_LIMIT = 64 * 1024;

/** A multipart submission: one `data` part (JSON, as the JSON body without `document`) and one `document` file. */
async function readMultipart(request: FastifyRequest) {
  const { data, bytes } = await readDataAndFile<VettingMultipartData>(request, { fileField: 'document', schema: VettingMultipartData, missingFileTitle: 'Document image missing' });
  const { documentKind, ...applicant } = data;
  return { applicant, document: { kind: documentKind, bytes, field: 'multipart/document' } };
}

export const sellerVettingRoutes: FastifyPluginAsyncTypebox<SubmitDependencies> = async (app, deps) => {
  const { config, prisma } = deps;
  app.caseSubjects.register(sellerVettingCaseSubject(prisma, deps.protector));
  app.policyKeys.register({ key: SELLER_VETTING_POLICY_KEY });
  await app.register(multipart, {
    limits: { fileSize: config.DOCUMENT_MAX_BYTES, files: 1, fields: 1, parts: 2, fieldSize: MULTIPART_DATA_LIMIT },
  });
  const tags = ['seller vetting'];

  app.post(
    '/v1/seller-vettings',
    {
      onRequest: app.requireApiKey,
      config: { idempotent: true, apiKeyBudget: apiKeyRateLimit('seller-vettings', config.API_KEY_VETTINGS_PER_MINUTE) },
      // Without a body (and so without a content type) the JSON schema is never applied.
      preValidation: async (request) => {
        if (request.body === undefined && !request.isMultipart()) {
          throw new ApiProblem(400, 'validation-failed', 'Request body required', 'Send the submission as application/json or multipart/form-data.', [
            { field: 'body', message: 'is required' },
          ]);
        }
      },
      // base64 makes the image a third larger; the rest of the JSON is small
      bodyLimit: Math.ceil((config.DOCUMENT_MAX_BYTES * 4) / 3) + MULTIPART_DATA_LIMIT,
      schema: {
        summary: 'Vet a new seller',
        description:
          'Send the seller as JSON (document image base64 in `document.imageBase64`) or as multipart/form-data with a `data` part ' +
          '(the same JSON without `document`, plus `documentKind`) and a `document` file. Requires an Idempotency-Key. Answers 202; ' +
          'the decision arrives by webhook and at the returned URL.',
        tags,
        security: [{ apiKey: [] }],
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: 'unique per submission, 1-255 printable characters' })) }),
        body: { content: { 'application/json': { schema: VettingSubmissionJson }, 'multipart/form-data': { schema: Type.Unknown() } } },
        response: { 202: SellerVettingAccepted, ...problemResponses(400, 401, 409, 413, 415, 422, 429, 503) },
      } as never,
    },
    async (request, reply) => {
      const { tenantId } = tenantOf(request);
      let submission: { applicant: VettingApplicant; document: { kind: 'passport' | 'id_card'; bytes: Buffer; field: string } };
      if (request.isMultipart()) {
        submission = await readMultipart(request);
        // the content as the JSON form would carry it, so either framing of a retry replays
        const content = { ...submission.applicant, document: { kind: submission.document.kind, imageBase64: submission.document.bytes.toString('base64') } };
        if (await request.claimIdempotencyKey(reply, content)) return reply;
      } else {
        const { document, ...applicant } = request.body as VettingSubmissionJson;
        const bytes = Buffer.from(document.imageBase64, 'base64');
        submission = { applicant, document: { kind: document.kind, bytes, field: 'body/document/imageBase64' } };
      }
      const { row, sellerId } = await submitVetting(deps, app.workflowStarts, tenantId, submission.applicant, submission.document);
      return reply
        .code(202)
        .header('location', `/v1/seller-vettings/${row.id}`)
        .send({ id: row.id, sellerId, status: row.status, url: `${config.API_PUBLIC_URL}/v1/seller-vettings/${row.id}`, createdAt: row.createdAt.toISOString() });
    },
  );

  app.get(
    '/v1/seller-vettings/:id',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'A vetting: status, verdict, reasons, signals and review',
        tags,
        security: [{ apiKey: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: SellerVettingView, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      const view = await presentVetting(prisma, config.API_PUBLIC_URL, request.params.id, tenantId);
      if (!view) throw new ApiProblem(404, 'not-found', 'Not found', `No seller vetting ${request.params.id}`);
      // a terminated workflow cannot say so itself: an unfinished vetting quiet for a while asks Temporal
      if (!(await reconciledOnRead(deps, request, sellerVettingCapability, view.id))) return view;
      return (await presentVetting(prisma, config.API_PUBLIC_URL, request.params.id, tenantId)) ?? view;
    },
  );

  app.get(
    '/v1/seller-vettings',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: "A seller's vettings, newest first",
        tags,
        security: [{ apiKey: [] }],
        querystring: Type.Object({ sellerId: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(SellerVettingView) }), ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      return { items: await presentVettings(prisma, config.API_PUBLIC_URL, { tenantId, seller: { externalId: request.query.sellerId } }) };
    },
  );
};
