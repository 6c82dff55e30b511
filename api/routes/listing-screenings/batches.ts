/**
 * `POST /v1/listing-screening-batches`: many listings in one JSON-lines upload (one listing, as
 * `POST /v1/listing-screenings` takes it, per line). Lines that do not parse or match the schema
 * are reported with their line number and counted as failed; the rest are stored at once and
 * screened by one batch workflow in chunks. Progress and paged results at the batch's URL.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { LISTING_LIMITS } from '../../../core/listingScreening.ts';
import { listingScreeningBatchWorkflowId } from '../../../workflows/names.ts';
import type { listingScreeningBatch } from '../../../workflows/listingScreeningBatch.ts';
import type { Prisma } from '../../../prisma/generated/client.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { validationProblem } from '../../plugins/errors.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { temporalUnavailable, withTemporalDeadline } from '../../temporalCalls.ts';
import { presentScreenings } from './present.ts';
import { BatchView, ListingScreeningView, ListingSubmission } from './schemas.ts';
import { imageRows, listingRow, workflowInput, type ListingScreeningDependencies } from './submit.ts';

/** A batch body: up to LISTING_LIMITS.batchMaxListings lines of a few kilobytes each. */
export const BATCH_BODY_MAX_BYTES = 32 * 1024 * 1024;
/** Listings one chunk activity screens, and chunks per workflow run before it continues as new. */
const CHUNK_SIZE = 50;
const CHUNKS_PER_RUN = 20;
/** Refused lines kept with their errors (the rest are only counted). */
const REJECTED_LINES_KEPT = 100;
const INSERT_CHUNK = 500;
const JSON_LINES_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/json-lines', 'application/x-jsonlines'];

type Rejected = { line: number; errors: { field: string; message: string }[] };

export const listingBatchRoutes: FastifyPluginAsyncTypebox<ListingScreeningDependencies> = async (app, deps) => {
  const { prisma, temporal, config } = deps;
  const tags = ['listing screening'];
  app.addContentTypeParser(JSON_LINES_TYPES, { parseAs: 'string', bodyLimit: BATCH_BODY_MAX_BYTES }, (_request, body, done) => done(null, body));
  const presentBatch = (batch: { id: string; status: string; total: number; done: number; failed: number; rejectedLines: unknown; createdAt: Date; completedAt: Date | null }) => ({
    id: batch.id,
    status: batch.status,
    total: batch.total,
    done: batch.done,
    failed: batch.failed,
    rejectedLines: batch.rejectedLines as Rejected[],
    createdAt: batch.createdAt.toISOString(),
    completedAt: batch.completedAt?.toISOString() ?? null,
    url: `${config.API_PUBLIC_URL}/v1/listing-screening-batches/${batch.id}`,
    resultsUrl: `${config.API_PUBLIC_URL}/v1/listing-screening-batches/${batch.id}/results`,
  });

  app.post(
    '/v1/listing-screening-batches',
    {
      onRequest: app.requireApiKey,
      config: { idempotent: true },
      bodyLimit: BATCH_BODY_MAX_BYTES,
      schema: {
        summary: 'Screen many listings from one JSON-lines upload',
        description: `Content-Type application/x-ndjson (or application/jsonl): one listing per line, as POST /v1/listing-screenings takes it, at most ${LISTING_LIMITS.batchMaxListings} lines. Requires an Idempotency-Key. Answers 202 with the batch; progress (done / total / failed) at its URL, results paged at its resultsUrl.`,
        tags,
        security: [{ apiKey: [] }],
        body: { content: { 'application/x-ndjson': { schema: Type.String() }, 'application/jsonl': { schema: Type.String() } } },
        response: { 202: BatchView, ...problemResponses(400, 401, 409, 413, 415, 422, 429, 503) },
      } as never,
    },
    async (request, reply) => {
      const { tenantId } = tenantOf(request);
      if (typeof request.body !== 'string') {
        throw new ApiProblem(415, 'unsupported-media-type', 'Unsupported media type', 'Send the listings as application/x-ndjson, one JSON listing per line.');
      }
      const lines = request.body.split('\n');
      const validate = request.compileValidationSchema(ListingSubmission);
      const accepted: { line: number; listing: ListingSubmission }[] = [];
      const rejected: Rejected[] = [];
      let rejectedCount = 0;
      lines.forEach((raw, index) => {
        const text = raw.trim();
        if (text === '') return;
        const line = index + 1;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          rejectedCount++;
          if (rejected.length < REJECTED_LINES_KEPT) rejected.push({ line, errors: [{ field: `line/${line}`, message: 'is not valid JSON' }] });
          return;
        }
        if (validate(value)) accepted.push({ line, listing: value as ListingSubmission });
        else {
          rejectedCount++;
          if (rejected.length < REJECTED_LINES_KEPT) rejected.push({ line, errors: validationProblem(validate.errors ?? [], `line/${line}`).errors ?? [] });
        }
      });
      if (accepted.length + rejectedCount > LISTING_LIMITS.batchMaxListings) {
        throw new ApiProblem(413, 'batch-too-large', 'Too many listings in one batch', `At most ${LISTING_LIMITS.batchMaxListings} listings per batch; split the upload.`);
      }
      if (accepted.length === 0) {
        throw new ApiProblem(400, 'validation-failed', 'No listing in the batch can be screened', `${rejectedCount} line(s) refused`, rejected.slice(0, 20).flatMap((entry) => entry.errors).slice(0, 20));
      }

      const batchId = randomUUID();
      const workflowId = listingScreeningBatchWorkflowId(batchId);
      const batch = await prisma.$transaction(
        async (tx) => {
          const created = await tx.listingScreeningBatch.create({
            data: { id: batchId, tenantId, total: accepted.length + rejectedCount, failed: rejectedCount, rejectedLines: rejected as unknown as Prisma.InputJsonArray, workflowId },
          });
          for (let start = 0; start < accepted.length; start += INSERT_CHUNK) {
            const part = accepted.slice(start, start + INSERT_CHUNK).map((entry) => ({ ...entry, id: randomUUID() }));
            await tx.listingScreening.createMany({ data: part.map(({ id, line, listing }) => ({ id, tenantId, ...listingRow(listing), batchId, batchLine: line, trigger: 'batch' })) });
            const images = part.flatMap(({ id, listing }) => imageRows(listing.images, tenantId).map((image) => ({ ...image, screeningId: id })));
            if (images.length > 0) await tx.listingImage.createMany({ data: images });
          }
          return created;
        },
        { timeout: 60_000 },
      );
      try {
        await withTemporalDeadline(temporal, () =>
          temporal.workflow.start<typeof listingScreeningBatch>('listingScreeningBatch', {
            workflowId,
            taskQueue: config.TEMPORAL_TASK_QUEUE,
            args: [{ batchId, tenantId, screening: workflowInput(config, '', tenantId), chunkSize: CHUNK_SIZE, chunksPerRun: CHUNKS_PER_RUN, afterLine: 0 }],
          }),
        );
      } catch (error) {
        await prisma.listingScreeningBatch.update({ where: { id: batchId }, data: { status: 'failed' } });
        throw temporalUnavailable(error);
      }
      return reply.code(202).header('location', `/v1/listing-screening-batches/${batchId}`).send(presentBatch(batch));
    },
  );

  const params = Type.Object({ id: Type.String({ format: 'uuid' }) });

  app.get(
    '/v1/listing-screening-batches/:id',
    { onRequest: app.requireApiKey, schema: { summary: 'A batch: status and progress (done / total / failed)', tags, security: [{ apiKey: [] }], params, response: { 200: BatchView, ...problemResponses(400, 401, 404) } } },
    async (request) => {
      const batch = await prisma.listingScreeningBatch.findFirst({ where: { id: request.params.id, tenantId: tenantOf(request).tenantId } });
      if (!batch) throw new ApiProblem(404, 'not-found', 'Not found', `No listing screening batch ${request.params.id}`);
      return presentBatch(batch);
    },
  );

  app.get(
    '/v1/listing-screening-batches/:id/results',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: "A batch's screenings in upload order, a page at a time",
        tags,
        security: [{ apiKey: [] }],
        params,
        querystring: Type.Object(
          { after: Type.Optional(Type.Integer({ minimum: 0, description: 'the `next` of the previous page' })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Type.Intersect([Type.Object({ line: Type.Integer() }), ListingScreeningView])), next: Type.Union([Type.Integer(), Type.Null()]) }), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      const batch = await prisma.listingScreeningBatch.findFirst({ where: { id: request.params.id, tenantId }, select: { id: true } });
      if (!batch) throw new ApiProblem(404, 'not-found', 'Not found', `No listing screening batch ${request.params.id}`);
      const limit = request.query.limit ?? 100;
      const where = { batchId: batch.id, tenantId, batchLine: { gt: request.query.after ?? 0 } };
      const page = await presentScreenings(prisma, config.API_PUBLIC_URL, where, { take: limit + 1, orderBy: [{ batchLine: 'asc' }] });
      const lines = await prisma.listingScreening.findMany({ where: { id: { in: page.map((item) => item.id) } }, select: { id: true, batchLine: true } });
      const lineOf = new Map(lines.map((row) => [row.id, row.batchLine ?? 0]));
      const items = page.slice(0, limit).map((item) => ({ line: lineOf.get(item.id) ?? 0, ...item }));
      return { items, next: page.length > limit ? (items.at(-1)?.line ?? null) : null };
    },
  );
};
