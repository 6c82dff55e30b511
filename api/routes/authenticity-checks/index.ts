/**
 * Buyer authenticity checks (`/v1/authenticity-checks`): a buyer's code and photos of what they
 * received, checked against the brand's data; and the brands' unit-code registry.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { AUTHENTICITY_CHECK_POLICY_KEY, AUTHENTICITY_PHOTO_LIMITS, AUTHENTICITY_PHOTO_POSITIONS_MAX, authenticityCheckCapability } from '../../../core/authenticityCheck.ts';
import type { Config } from '../../../core/config.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { webhookRetrySettings } from '../../../core/webhookRetry.ts';
import { readCode } from '../../../workers/detectors/productCodes/index.ts';
import type { authenticityCheck, AuthenticityCheckInput } from '../../../workflows/authenticityCheck.ts';
import { authenticityCheckWorkflowId } from '../../../workflows/names.ts';
import { acceptImage, decodeBase64Image } from '../../imageIntake.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { reconciledOnRead } from '../../reconcileOnRead.ts';
import { workflowStart } from '../../../core/workflowStarts.ts';
import { storeInPgTransactionWithWorkflowStart, storeWithWorkflowStart } from '../../../core/workflowStartWrites.ts';
import { storeCodeOnlyCheck, type StoredCodeOnlyCheck } from './intakeDecision.ts';
import { MAX_WAIT_SECONDS, waitForAnswer } from '../../verdictWait.ts';
import { authenticityCheckCaseSubject } from './caseSubject.ts';
import { brandCodeRoutes } from './codes.ts';
import { brandCodeBatchSubject } from './batchSubject.ts';
import { sellerResponseRoutes } from './sellerResponses.ts';
import { workflowInput as listingScreeningInput } from '../listing-screenings/submit.ts';
import { assembleChecks, presentCheck, presentChecks, type CheckLinks } from './present.ts';
import { createBuyerLinks } from './buyerLinks.ts';
import { buyerPageRoutes } from './buyerPage.ts';
import { storeBuyerPhotos } from './buyerPhotos.ts';
import { AuthenticityCheckAccepted, AuthenticityCheckParametersSchema, BuyerPhotosSubmission, AuthenticityCheckSubmission, AuthenticityCheckView, type AuthenticityPhotoSubmission } from './schemas.ts';

export interface AuthenticityCheckDependencies {
  prisma: PrismaClient;
  /** the pg pool under `prisma` (a check with a code only is stored and decided on it) */
  pool: pg.Pool;
  temporal: Client;
  config: Config;
}

const MAX_LISTED = 100;

/**
 * The photos' rows, checked before anything is stored: an inline photo must be base64 of a
 * JPEG, PNG or WebP within the byte and pixel limits that decodes whole (4xx otherwise, as for
 * every picture taken at intake); a URL is fetched by the worker, and a photo that fails there is
 * asked again (`retake_requested`), so a check never waits on a broken photo.
 */
async function photoRows(photos: AuthenticityPhotoSubmission[] | undefined, tenantId: string) {
  const limits = { maxBytes: AUTHENTICITY_PHOTO_LIMITS.maxBytes, maxPixels: AUTHENTICITY_PHOTO_LIMITS.maxPixels };
  return await Promise.all(
    (photos ?? []).map(async (photo, position) => {
      if ('url' in photo) return { tenantId, position, kind: photo.kind, sourceUrl: photo.url, status: 'pending' };
      const field = `body/photos/${position}/imageBase64`;
      const bytes = decodeBase64Image(photo.imageBase64, field);
      const image = await acceptImage(bytes, limits, field);
      // checked here; the worker still fingerprints it (the `pending` it shares with listing pictures)
      return { tenantId, position, kind: photo.kind, status: 'pending', bytes: new Uint8Array(bytes), mimeType: image.mimeType, width: image.width, height: image.height, byteSize: image.byteSize };
    }),
  );
}

export const authenticityCheckRoutes: FastifyPluginAsyncTypebox<AuthenticityCheckDependencies> = async (app, deps) => {
  const { prisma, pool, config } = deps;
  app.caseSubjects.register(authenticityCheckCaseSubject(prisma));
  app.policyKeys.register({ key: AUTHENTICITY_CHECK_POLICY_KEY, parameters: AuthenticityCheckParametersSchema });
  await app.register(brandCodeRoutes, deps);
  app.batchSubjects.register(brandCodeBatchSubject(pool));
  await app.register(sellerResponseRoutes, { prisma, config });
  const buyerLinks = createBuyerLinks(config, () => app.log.warn('BUYER_LINK_SECRET is not set: buyer page links are signed with a random secret and stop working when this process restarts'));
  const links: CheckLinks = { publicUrl: config.API_PUBLIC_URL, buyerUrl: buyerLinks.url };
  await app.register(buyerPageRoutes, { prisma, config, links: buyerLinks });
  const tags = ['authenticity checks'];
  // a confirmed counterfeit re-screens the order's listing on the bulk queue, as the gallery's re-screenings do
  const rescreeningInput = (tenantId: string): AuthenticityCheckInput['rescreening'] => {
    const settings: Partial<ReturnType<typeof listingScreeningInput>> = listingScreeningInput(config, '', tenantId, { bulk: true });
    delete settings.screeningId;
    return settings as AuthenticityCheckInput['rescreening'];
  };
  const security = [{ apiKey: [] }];

  app.post(
    '/v1/authenticity-checks',
    {
      onRequest: app.requireApiKey,
      config: { idempotent: true },
      bodyLimit: AUTHENTICITY_PHOTO_LIMITS.bodyMaxBytes,
      schema: {
        summary: 'Check what a buyer received',
        description:
          'Requires an Idempotency-Key. Answers 202 with the check’s URL; the outcome (likely_genuine, likely_counterfeit, or a case ' +
          'for a moderator while it reads needs_review) arrives by the `authenticity_check.completed` webhook and at the URL. With ' +
          '`?wait=N` (at most 30) the answer waits up to N seconds for the outcome and is then 200 with the whole check. Photos that cannot be judged ' +
          '(too small, too dark, blurred, the code unreadable, a URL that fails) end the check as retake_requested, naming the photos to take again. ' +
          '`buyerUrl` is the buyer page for the check; a check sent with neither photos nor a code waits for the buyer to send them there.',
        tags,
        security,
        querystring: Type.Object({ wait: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_WAIT_SECONDS })) }, { additionalProperties: false }),
        body: AuthenticityCheckSubmission,
        response: { 200: AuthenticityCheckView, 202: AuthenticityCheckAccepted, ...problemResponses(400, 401, 413, 415, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const { tenantId } = tenantOf(request);
      const body = request.body;
      const id = randomUUID();
      const workflowId = authenticityCheckWorkflowId(id);
      const code = readCode(body.claimedCode ?? null);
      const photos = await photoRows(body.photos, tenantId);
      const start = workflowStart<typeof authenticityCheck>('authenticityCheck', {
        workflowId,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        args: [{ checkId: id, tenantId, caseSlaSeconds: config.CASE_SLA_SECONDS, webhook: webhookRetrySettings(config), rescreening: rescreeningInput(tenantId), buyerPhotosSeconds: config.BUYER_PHOTOS_SECONDS, documentsTaskQueue: config.TEMPORAL_DOCUMENTS_TASK_QUEUE, arrivedEmpty: photos.length === 0 && !body.claimedCode }],
      });
      // a code and no photos: decided here when the policy finds it likely genuine (intakeDecision.ts)
      const stored: StoredCodeOnlyCheck =
        photos.length === 0 && body.claimedCode
          ? await storeInPgTransactionWithWorkflowStart(pool, app.workflowStarts, (written) => (written.verdict ? null : start), (runner) =>
              storeCodeOnlyCheck(
                runner,
                { id, tenantId, orderId: body.orderId, buyerId: body.buyerId, sellerId: body.sellerId, listingId: body.listingId ?? null, brandKey: body.brandKey ?? null, claimedCode: body.claimedCode!, buyerNote: body.buyerNote ?? null, codeGtin: code?.gtin ?? null, codeSerial: code?.serial ?? null, workflowId },
                config.TEMPORAL_TASK_QUEUE,
              ),
            )
          : {
              verdict: null,
              row: await storeWithWorkflowStart(prisma, app.workflowStarts, start, (tx) =>
                tx.authenticityCheck.create({
                  data: {
                    id,
                    tenantId,
                    orderId: body.orderId,
                    buyerId: body.buyerId,
                    sellerId: body.sellerId,
                    listingId: body.listingId ?? null,
                    brandKey: body.brandKey ?? null,
                    claimedCode: body.claimedCode ?? null,
                    buyerNote: body.buyerNote ?? null,
                    codeGtin: code?.gtin ?? null,
                    codeSerial: code?.serial ?? null,
                    workflowId,
                    photos: { create: photos },
                  },
                }),
              ),
            };
      const { row } = stored;
      reply.header('location', `/v1/authenticity-checks/${id}`);
      const url = `${config.API_PUBLIC_URL}/v1/authenticity-checks/${id}`;
      const waitSeconds = request.query.wait ?? 0;
      // answered at intake: the view from what the transaction wrote, no read
      if (stored.verdict && waitSeconds > 0) return reply.code(200).send(assembleChecks(links, [row], { verdicts: [stored.verdict], responses: [], counterfeits: [], refunds: [], photos: [], rounds: [] })[0]!);
      if (!stored.verdict && (await waitForAnswer(request, waitSeconds, config, { id, answeredStatuses: authenticityCheckCapability.answeredStatuses }, async () => (await prisma.authenticityCheck.findUnique({ where: { id }, select: { status: true } }))?.status))) {
        const view = await presentCheck(prisma, links, id, tenantId);
        if (view) return reply.code(200).send(view);
      }
      return reply.code(202).send({ id, status: row.status, url, buyerUrl: buyerLinks.url(row) });
    },
  );

  app.post(
    '/v1/authenticity-checks/:id/photos',
    {
      onRequest: app.requireApiKey,
      config: { idempotent: true },
      bodyLimit: AUTHENTICITY_PHOTO_LIMITS.bodyMaxBytes,
      schema: {
        summary: 'The buyer’s new photos, while the check waits for them',
        description:
          'Requires an Idempotency-Key. Taken while `photosWindow` is open: a check sent with nothing, or one answered retake_requested ' +
          '(by the policy or a moderator’s “needs more photos”). The check runs again with them (status back to received, a new round; ' +
          'the earlier round stays in `earlierRounds`); each photo replaces the earlier photos of its kind. 202 with the check’s URL; ' +
          '409 photos-not-awaited when no window is open.',
        tags,
        security,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: BuyerPhotosSubmission,
        response: { 202: AuthenticityCheckAccepted, ...problemResponses(400, 401, 404, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const { tenantId } = tenantOf(request);
      const check = await prisma.authenticityCheck.findFirst({ where: { id: request.params.id, tenantId }, select: { id: true, tenantId: true, createdAt: true } });
      if (!check) throw new ApiProblem(404, 'not-found', 'Not found', `No authenticity check ${request.params.id}`);
      await storeBuyerPhotos({ prisma, starter: app.workflowStarts }, check, request.body);
      return reply.code(202).send({ id: check.id, status: 'received', url: `${config.API_PUBLIC_URL}/v1/authenticity-checks/${check.id}`, buyerUrl: buyerLinks.url(check) });
    },
  );

  app.get(
    '/v1/authenticity-checks/:id',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'A check: status, outcome, reasons and signals with evidence',
        tags,
        security,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: AuthenticityCheckView, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      const view = await presentCheck(prisma, links, request.params.id, tenantId);
      if (!view) throw new ApiProblem(404, 'not-found', 'Not found', `No authenticity check ${request.params.id}`);
      if (!(await reconciledOnRead(deps, request, authenticityCheckCapability, view.id))) return view;
      return (await presentCheck(prisma, links, view.id, tenantId)) ?? view;
    },
  );

  app.get(
    '/v1/authenticity-checks/:id/photos/:position',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'A photo of a check, as the buyer sent it',
        tags,
        security,
        params: Type.Object({ id: Type.String({ format: 'uuid' }), position: Type.Integer({ minimum: 0, maximum: AUTHENTICITY_PHOTO_POSITIONS_MAX - 1 }) }),
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'JPEG, PNG or WebP' }), ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { tenantId } = tenantOf(request);
      const photo = await prisma.authenticityCheckPhoto.findFirst({ where: { checkId: request.params.id, position: request.params.position, tenantId, status: 'stored' }, select: { bytes: true, mimeType: true } });
      if (!photo?.bytes || !photo.mimeType) throw new ApiProblem(404, 'not-found', 'Not found', `No stored photo ${request.params.position} of authenticity check ${request.params.id}`);
      return reply.header('content-type', photo.mimeType).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(Buffer.from(photo.bytes));
    },
  );

  app.get(
    '/v1/authenticity-checks',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'The checks of one order, newest first',
        tags,
        security,
        querystring: Type.Object({ orderId: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(AuthenticityCheckView) }), ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      const rows = await prisma.authenticityCheck.findMany({ where: { tenantId, orderId: request.query.orderId }, orderBy: { createdAt: 'desc' }, take: MAX_LISTED });
      return { items: await presentChecks(prisma, links, rows) };
    },
  );
};
