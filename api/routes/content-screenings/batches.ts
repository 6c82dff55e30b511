/**
 * Backfills as JSON lines (`application/x-ndjson`): one post per line, each checked like a single
 * submission. Good lines are accepted and screened; bad ones are refused with their line number,
 * code and field, and never stop the rest. Progress: `GET /v1/content-screenings/batches/:id`
 * counts the batch's screenings by status and outcome.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Prisma } from '../../../prisma/generated/client.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { validationProblem } from '../../plugins/errors.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { ContentPostSubmission } from './schemas.ts';
import { submitContentPost, textLimitProblem, type ContentScreeningDependencies } from './submit.ts';

/** Lines one batch may carry, and its largest body: send bigger backfills as several batches. */
export const MAX_BATCH_LINES = 500;
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;
/** Workflows started at once while accepting a batch. */
const START_CONCURRENCY = 4;

interface Refusal {
  line: number;
  code: string;
  errors: { field: string; message: string }[];
}

const BatchView = Type.Object({
  id: Type.String(),
  url: Type.String(),
  lines: Type.Integer(),
  accepted: Type.Integer(),
  refused: Type.Array(Type.Object({ line: Type.Integer(), code: Type.String(), errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })) })),
  progress: Type.Object({ received: Type.Integer(), screening: Type.Integer(), awaitingReview: Type.Integer(), completed: Type.Integer(), failed: Type.Integer() }),
  outcomes: Type.Object({ clean: Type.Integer(), label: Type.Integer(), takedownRequest: Type.Integer() }),
  done: Type.Boolean(),
});

export const contentBatchRoutes: FastifyPluginAsyncTypebox<ContentScreeningDependencies> = async (app, deps) => {
  const { prisma, config } = deps;
  app.addContentTypeParser(['application/x-ndjson', 'application/jsonl'], { parseAs: 'string', bodyLimit: MAX_BATCH_BYTES }, (_request, body, done) => done(null, body));

  async function view(id: string, tenantId: string) {
    const batch = await prisma.contentScreeningBatch.findFirst({ where: { id, tenantId } });
    if (!batch) return null;
    const [statuses, outcomes] = await Promise.all([
      prisma.contentScreening.groupBy({ by: ['status'], where: { batchId: id }, _count: { _all: true } }),
      prisma.contentScreening.groupBy({ by: ['finalOutcome'], where: { batchId: id }, _count: { _all: true } }),
    ]);
    const status = (name: string) => statuses.find((row) => row.status === name)?._count._all ?? 0;
    const outcome = (name: string) => outcomes.find((row) => row.finalOutcome === name)?._count._all ?? 0;
    const progress = { received: status('received'), screening: status('screening'), awaitingReview: status('awaiting_review'), completed: status('completed'), failed: status('failed') };
    return {
      id: batch.id,
      url: `${config.API_PUBLIC_URL}/v1/content-screenings/batches/${batch.id}`,
      lines: batch.lines,
      accepted: batch.accepted,
      refused: batch.refused as unknown as Refusal[],
      progress,
      outcomes: { clean: outcome('clean'), label: outcome('label'), takedownRequest: outcome('takedown_request') },
      done: progress.completed + progress.failed === batch.accepted,
    };
  }

  app.post(
    '/v1/content-screenings/batches',
    {
      onRequest: app.requireApiKey,
      config: { idempotent: true },
      bodyLimit: MAX_BATCH_BYTES,
      schema: {
        summary: 'Screen a backfill of posts sent as JSON lines',
        description: `Content-Type application/x-ndjson, one post per line (the body of POST /v1/content-screenings), at most ${MAX_BATCH_LINES} lines and ${MAX_BATCH_BYTES} bytes. Requires an Idempotency-Key. Bad lines are refused one by one; the rest are screened. Follow progress at the returned URL.`,
        tags: ['content screening'],
        security: [{ apiKey: [] }],
        body: { content: { 'application/x-ndjson': { schema: Type.String() } } },
        response: { 202: BatchView, ...problemResponses(400, 401, 409, 413, 415, 422, 429, 503) },
      } as never,
    },
    async (request, reply) => {
      const { tenantId } = tenantOf(request);
      if (typeof request.body !== 'string' || request.body.trim() === '') {
        throw new ApiProblem(400, 'validation-failed', 'Request body required', 'Send one JSON post per line.', [{ field: 'body', message: 'must hold at least one line' }]);
      }
      const lines = request.body.split('\n').map((line, index) => ({ text: line.trim(), number: index + 1 })).filter((line) => line.text !== '');
      if (lines.length > MAX_BATCH_LINES) {
        throw new ApiProblem(413, 'batch-too-large', 'Too many lines', `${lines.length} lines; a batch takes at most ${MAX_BATCH_LINES}.`, [{ field: 'body', message: `must have at most ${MAX_BATCH_LINES} lines` }]);
      }
      const validate = request.compileValidationSchema(ContentPostSubmission);
      const refused: Refusal[] = [];
      const good: { number: number; post: ContentPostSubmission }[] = [];
      for (const line of lines) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(line.text);
        } catch {
          refused.push({ line: line.number, code: 'malformed-json', errors: [{ field: `line/${line.number}`, message: 'is not valid JSON' }] });
          continue;
        }
        const tooLarge = textLimitProblem(parsed, `line/${line.number}`);
        if (tooLarge) {
          refused.push({ line: line.number, code: tooLarge.code, errors: tooLarge.errors ?? [] });
          continue;
        }
        if (!validate(parsed)) {
          refused.push({ line: line.number, code: 'validation-failed', errors: validationProblem(validate.errors ?? [], `line/${line.number}`).errors ?? [] });
          continue;
        }
        good.push({ number: line.number, post: parsed as ContentPostSubmission });
      }
      const batch = await prisma.contentScreeningBatch.create({ data: { tenantId, lines: lines.length, accepted: 0, refused: [] } });
      let accepted = 0;
      const queue = [...good];
      await Promise.all(
        Array.from({ length: START_CONCURRENCY }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            try {
              await submitContentPost(deps, tenantId, next.post, batch.id);
              accepted += 1;
            } catch (error) {
              if (!(error instanceof ApiProblem) || error.status >= 500) throw error;
              refused.push({ line: next.number, code: error.code, errors: error.errors ?? [{ field: `line/${next.number}`, message: error.detail ?? error.title }] });
            }
          }
        }),
      );
      refused.sort((left, right) => left.line - right.line);
      await prisma.contentScreeningBatch.update({ where: { id: batch.id }, data: { accepted, refused: refused as unknown as Prisma.InputJsonArray } });
      reply.header('location', `/v1/content-screenings/batches/${batch.id}`);
      return reply.code(202).send((await view(batch.id, tenantId)) as never);
    },
  );

  app.get(
    '/v1/content-screenings/batches/:id',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: "A batch's progress: screenings by status and outcome, refused lines",
        tags: ['content screening'],
        security: [{ apiKey: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: BatchView, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const found = await view(request.params.id, tenantOf(request).tenantId);
      if (!found) throw new ApiProblem(404, 'not-found', 'Not found', `No content screening batch ${request.params.id}`);
      return found;
    },
  );
};
