/**
 * The batch path's API, shared by every capability that takes batches: a JSON-lines upload
 * (`application/x-ndjson`) is read line by line (each line checked against the capability's
 * schema; a bad line is refused with its number, code and fields and never stops the rest),
 * the accepted lines are stored with the batch row and the start of one batch workflow
 * (workflows/batch.ts) as one statement (the start through the outbox, core/workflowStarts.ts),
 * and that workflow screens them in chunks on the bulk queue. Progress at the batch's URL, its
 * subjects a page at a time at its results URL.
 *
 * A capability registers what differs: its URL, line schema and limits, how it stores accepted
 * lines (and in which order its workflow screens them), the review workflow of its escalations,
 * its completed event, and how it presents the batch and its results. Nothing here names one.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import type { Client } from '@temporalio/client';
import { reconcileBatchOnRead } from '../core/batchReconciliation.ts';
import { failureView } from '../core/capability.ts';
import type { Config } from '../core/config.ts';
import type pg from 'pg';
import type { PrismaClient } from '../core/database.ts';
import { pgSql, sql, type SqlRunner, type SqlStatement } from '../core/sql.ts';
import { webhookRetrySettings } from '../core/webhookRetry.ts';
import type { Batch } from '../prisma/generated/client.ts';
import { batchWorkflowId } from '../workflows/names.ts';
import type { batch as batchWorkflow } from '../workflows/batch.ts';
import { FailureView } from './failureView.ts';
import { tenantOf } from './plugins/authentication.ts';
import { validationProblem } from './plugins/errors.ts';
import { ApiProblem, problemResponses } from './problem.ts';
import { workflowStart } from '../core/workflowStarts.ts';
import { storeRowsWithWorkflowStart } from '../core/workflowStartWrites.ts';
import { isUniqueViolation } from './prismaErrors.ts';
import { MAX_WAIT_SECONDS, waitForAnswer } from './verdictWait.ts';

/** A batch's statuses once its workflow is done with it (the trigger of migration 20261213100000_brand_code_imports announces them). */
const BATCH_ENDED_STATUSES = ['completed', 'failed'] as const;

/** Chunks per workflow run before it continues as new. */
export const BATCH_CHUNKS_PER_RUN = 10;
/** Refused lines kept with their errors (the rest are only counted). */
export const REFUSED_LINES_KEPT = 100;
const JSON_LINES_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/json-lines', 'application/x-jsonlines'];

/** Lets the routes of `app` take a JSON-lines body (as one string, up to `maxBytes`); batches and brand codes alike. */
export function acceptJsonLines(app: FastifyInstance, maxBytes: number): void {
  app.addContentTypeParser(JSON_LINES_TYPES, { parseAs: 'string', bodyLimit: maxBytes }, (_request, body, done) => done(null, body));
}

export interface Refusal {
  line: number;
  code: string;
  errors: { field: string; message: string }[];
}

export const RefusalView = Type.Object({ line: Type.Integer(), code: Type.String(), errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })) });

export interface AcceptedLine<Line> {
  line: number;
  value: Line;
}

export interface BatchDependencies {
  prisma: PrismaClient;
  /** a batch's rows and start are one statement on the pool */
  pool: Pick<pg.Pool, 'query'>;
  temporal: Client;
  config: Config;
}

export interface BatchCapabilityRoutes<Line, Context = undefined> {
  subjectType: string;
  /** the collection's path, e.g. `/v1/listing-screening-batches`; a batch is at `<path>/:id` unless `batchPath` says otherwise */
  path: string;
  /** where a batch and its results are read, when not under `path` (a `path` with parameters: `/v1/brands/:brandKey/codes`) */
  batchPath?: string;
  /** the parameters of `path`, checked before the body is read */
  params?: TSchema;
  /**
   * What the upload's path names, read once before its lines (e.g. the brand whose codes they are);
   * throws an ApiProblem when the upload cannot be taken at all (404, 409). Given to `store`.
   */
  prepare?: (request: { tenantId: string; params: Record<string, string> }) => Promise<Context>;
  tags: string[];
  /** what one line holds, for messages: "listing", "post" */
  noun: string;
  lineSchema: TSchema;
  maxLines: number;
  maxBytes: number;
  /** checked before the schema, answered as its own refusal (e.g. a text past its size limit) */
  refuseBeforeSchema?: (value: unknown, field: string) => ApiProblem | null;
  /**
   * The writes that store the accepted lines of a new batch (`batchId`, whose row the same
   * statement writes), with positions 1..n (the order the batch is screened in), and the lines it
   * will not take, refused by number. It may read first with `db` (what is stored already). The
   * writes run as one statement with the batch row and its start; when they break a unique
   * constraint (a subject stored meanwhile by another request) nothing is written and `store` is
   * asked once more, to read again.
   */
  store(db: SqlRunner, batch: { batchId: string; tenantId: string; lines: AcceptedLine<Line>[]; context: Context }): Promise<{ writes: SqlStatement[]; lastPosition: number; refused: Refusal[] }>;
  /** how many positions a range holds, and how many ranges run at once (one where detection keeps state) */
  chunking(config: Config): { chunkSize: number; chunksInFlight: number };
  /**
   * the review-only workflow of an escalated subject, and the settings all of a batch's starts
   * share; absent for a batch whose lines never escalate (brand codes are written, not judged)
   */
  review?(config: Config, tenantId: string): { workflowType: string; settings: Record<string, unknown> };
  completedEvent: string;
  /** the status of the answer when every line is refused by `store` with this code (409 unless said: a subject screened already) */
  refusalStatus?: (code: string) => number;
  /** the upload route's summary and description (what one line is, what is refused), when the screening wording does not fit */
  summary?: string;
  description?: string;
  /** the batch as the capability answers it */
  view: { schema: TSchema; present(batch: Batch, urls: { url: string; resultsUrl: string }): Promise<unknown> };
  /** a page of the batch's subjects after upload line `after`, in line order, with `line` on each */
  results: { itemSchema: TSchema; page(batch: Batch, after: number, take: number): Promise<{ line: number }[]> };
}

/** What every batch view starts with: the batch row's progress and refused lines, and its URLs. */
export function batchViewBase(batch: Batch, urls: { url: string; resultsUrl: string }) {
  return {
    id: batch.id,
    status: batch.status,
    total: batch.total,
    done: batch.done,
    failed: batch.failed,
    rejectedLines: batch.rejectedLines as unknown as Refusal[],
    createdAt: batch.createdAt.toISOString(),
    completedAt: batch.completedAt?.toISOString() ?? null,
    ...urls,
  };
}

/** Reads a JSON-lines body: the non-empty lines, each parsed and checked, accepted or refused by number. */
export function readBatchLines<Line>(
  body: string,
  check: { validate: ((value: unknown) => boolean) & { errors?: unknown }; refuseBeforeSchema?: (value: unknown, field: string) => ApiProblem | null },
): { lines: number; accepted: AcceptedLine<Line>[]; refused: Refusal[] } {
  const accepted: AcceptedLine<Line>[] = [];
  const refused: Refusal[] = [];
  let lines = 0;
  body.split('\n').forEach((raw, index) => {
    const text = raw.trim();
    if (text === '') return;
    lines += 1;
    const line = index + 1;
    const field = `line/${line}`;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      refused.push({ line, code: 'malformed-json', errors: [{ field, message: 'is not valid JSON' }] });
      return;
    }
    const early = check.refuseBeforeSchema?.(value, field);
    if (early) refused.push({ line, code: early.code, errors: early.errors ?? [{ field, message: early.detail ?? early.title }] });
    else if (check.validate(value)) accepted.push({ line, value: value as Line });
    else refused.push({ line, code: 'validation-failed', errors: validationProblem((check.validate.errors ?? []) as never, field).errors ?? [] });
  });
  return { lines, accepted, refused };
}

/** POST `<path>`, GET `<path>/:id` and GET `<path>/:id/results` for one capability's batches. */
export function registerBatchRoutes<Line, Context = undefined>(app: FastifyInstance, { prisma, pool, temporal, config }: BatchDependencies, capability: BatchCapabilityRoutes<Line, Context>): void {
  const { path, tags, noun, maxLines, maxBytes } = capability;
  const batchPath = capability.batchPath ?? path;
  const security = [{ apiKey: [] }];
  acceptJsonLines(app, maxBytes);
  const urls = (id: string) => ({ url: `${config.API_PUBLIC_URL}${batchPath}/${id}`, resultsUrl: `${config.API_PUBLIC_URL}${batchPath}/${id}/results` });
  // every capability's batch says how it failed, the same way
  const viewSchema = Type.Intersect([capability.view.schema, Type.Object({ failure: FailureView })]);
  const present = async (batch: Batch) => ({ ...((await capability.view.present(batch, urls(batch.id))) as object), failure: failureView(batch) });
  const find = async (id: string, tenantId: string) => {
    const batch = await prisma.batch.findFirst({ where: { id, tenantId, subjectType: capability.subjectType } });
    if (!batch) throw new ApiProblem(404, 'not-found', 'Not found', `No ${noun} batch ${id}`);
    return batch;
  };

  app.post(
    path,
    {
      onRequest: app.requireApiKey,
      config: { idempotent: true },
      bodyLimit: maxBytes,
      schema: {
        summary: capability.summary ?? `Screen many ${noun}s from one JSON-lines upload`,
        description: `${capability.description ?? `Content-Type application/x-ndjson (or application/jsonl): one ${noun} per line, as its single submission takes it, at most ${maxLines} lines and ${maxBytes} bytes. Bad lines are refused by number, code and field; the rest are stored and screened in chunks by one batch workflow.`} Requires an Idempotency-Key. Answers 202 with the batch; progress at its URL, results paged at its resultsUrl, and one \`${capability.completedEvent}\` webhook at the end. With \`?wait=N\` (seconds, at most ${MAX_WAIT_SECONDS}) the answer waits for the batch's end: 200 with the finished batch, or 202 when it is still running.`,
        tags,
        security,
        ...(capability.params ? { params: capability.params } : {}),
        querystring: Type.Object({ wait: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_WAIT_SECONDS })) }, { additionalProperties: false }),
        body: { content: { 'application/x-ndjson': { schema: Type.String() }, 'application/jsonl': { schema: Type.String() } } },
        response: { 200: viewSchema, 202: viewSchema, ...problemResponses(400, 401, 404, 409, 413, 415, 422, 429, 503) },
      } as never,
    },
    async (request, reply) => {
      const { tenantId } = tenantOf(request);
      if (typeof request.body !== 'string') {
        throw new ApiProblem(415, 'unsupported-media-type', 'Unsupported media type', `Send the ${noun}s as application/x-ndjson, one JSON ${noun} per line.`);
      }
      const context = (capability.prepare ? await capability.prepare({ tenantId, params: request.params as Record<string, string> }) : undefined) as Context;
      const read = readBatchLines<Line>(request.body, { validate: request.compileValidationSchema(capability.lineSchema), ...(capability.refuseBeforeSchema ? { refuseBeforeSchema: capability.refuseBeforeSchema } : {}) });
      if (read.lines > maxLines) {
        throw new ApiProblem(413, 'batch-too-large', `Too many ${noun}s in one batch`, `${read.lines} lines; a batch takes at most ${maxLines}: split the upload.`, [{ field: 'body', message: `must have at most ${maxLines} lines` }]);
      }
      const nothingToScreen = (refused: Refusal[]) =>
        new ApiProblem(400, 'validation-failed', `No ${noun} in the batch can be screened`, `${refused.length} line(s) refused`, refused.flatMap((entry) => entry.errors).slice(0, 20));
      if (read.accepted.length === 0) throw nothingToScreen(read.refused);

      const batchId = randomUUID();
      const workflowId = batchWorkflowId(capability.subjectType, batchId);
      const storeOnce = async (): Promise<Batch> => {
        const stored = await capability.store(pgSql(pool), { batchId, tenantId, lines: read.accepted, context });
        const refused = [...read.refused, ...stored.refused].sort((left, right) => left.line - right.line);
        // nothing to store: no batch to follow
        if (stored.lastPosition === 0) throw refused.some((entry) => entry.code === 'validation-failed') ? nothingToScreen(refused) : problemOf(refused[0]!, noun, capability.refusalStatus);
        const start = workflowStart<typeof batchWorkflow>('batch', {
          workflowId,
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          args: [
            {
              batchId, tenantId, subjectType: capability.subjectType, ...capability.chunking(config), chunksPerRun: BATCH_CHUNKS_PER_RUN, afterPosition: 0, lastPosition: stored.lastPosition,
              // the ranges run on the bulk queue, apart from single submissions
              bulkTaskQueue: config.TEMPORAL_BULK_TASK_QUEUE, completedEvent: capability.completedEvent, webhook: webhookRetrySettings(config),
              // the ranges open the escalations' cases, with the SLA every case has
              ...(capability.review ? { review: { ...capability.review(config, tenantId), caseSlaSeconds: config.CASE_SLA_SECONDS } } : {}),
            },
          ],
        });
        const rejectedLines = refused.slice(0, REFUSED_LINES_KEPT);
        // the row first: the subjects refer to it (checked at the statement's end)
        const batchRow = sql(
          `INSERT INTO batches (id, tenant_id, subject_type, total, failed, refused, rejected_lines, workflow_id) VALUES ($1::uuid, $2::uuid, $3, $4, $5, $5, $6::jsonb, $7) RETURNING created_at`,
          [batchId, tenantId, capability.subjectType, read.lines, refused.length, JSON.stringify(rejectedLines), workflowId],
        );
        const { written } = await storeRowsWithWorkflowStart<{ created_at: Date }>(pool, app.workflowStarts, start, [batchRow, ...stored.writes], { returning: '(SELECT created_at FROM write_0) AS created_at' });
        // the row as written, without reading it back
        const createdAt = written.created_at;
        return {
          id: batchId, tenantId, subjectType: capability.subjectType, status: 'running', total: read.lines, done: 0, failed: refused.length, refused: refused.length,
          rejectedLines: rejectedLines as unknown as Batch['rejectedLines'], workflowId, createdAt, updatedAt: createdAt, completedAt: null, failureReason: null, failureDetail: null, failedAt: null,
        };
      };
      const batch = await storeOnce().catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error;
        return storeOnce();
      });
      reply.header('location', `${batchPath}/${batchId}`);
      const { wait = 0 } = request.query as { wait?: number };
      const readStatus = async () => (await prisma.batch.findUnique({ where: { id: batchId }, select: { status: true } }))?.status;
      if (await waitForAnswer(request, wait, config, { id: batchId, answeredStatuses: BATCH_ENDED_STATUSES }, readStatus)) {
        return reply.code(200).send(await present(await find(batchId, tenantId)));
      }
      return reply.code(202).send(await present(batch));
    },
  );

  const params = Type.Object({ id: Type.String({ format: 'uuid' }) });

  app.get(
    `${batchPath}/:id`,
    { onRequest: app.requireApiKey, schema: { summary: `A ${noun} batch: status, progress and refused lines`, tags, security, params, response: { 200: viewSchema, ...problemResponses(400, 401, 404) } } },
    async (request) => {
      const { id } = request.params as { id: string };
      const { tenantId } = tenantOf(request);
      const batch = await find(id, tenantId);
      // a running batch quiet for a while: its workflow may have been terminated (core/batchReconciliation.ts)
      const reconciled = await reconcileBatchOnRead({ prisma, temporal, config }, batch, {
        quietForMs: config.RECONCILE_ON_READ_AFTER_SECONDS * 1000,
        onError: (error) => request.log.warn({ err: error, batchId: id }, 'could not reconcile the batch with its workflow'),
      });
      return await present(reconciled ? await find(id, tenantId) : batch);
    },
  );

  app.get(
    `${batchPath}/:id/results`,
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: `A ${noun} batch's screenings in upload order, a page at a time`,
        tags,
        security,
        params,
        querystring: Type.Object(
          { after: Type.Optional(Type.Integer({ minimum: 0, description: 'the `next` of the previous page' })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(capability.results.itemSchema), next: Type.Union([Type.Integer(), Type.Null()]) }), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const query = request.query as { after?: number; limit?: number };
      const batch = await find(id, tenantOf(request).tenantId);
      const limit = query.limit ?? 100;
      const page = await capability.results.page(batch, query.after ?? 0, limit + 1);
      const items = page.slice(0, limit);
      return { items, next: page.length > limit ? (items.at(-1)?.line ?? null) : null };
    },
  );
}

/** A batch whose every line the capability refused at storing answers with the first refusal's problem. */
function problemOf(refusal: Refusal, noun: string, statusOf?: (code: string) => number): ApiProblem {
  const status = refusal.code === 'validation-failed' ? 400 : (statusOf?.(refusal.code) ?? 409);
  return new ApiProblem(status, refusal.code, `No ${noun} in the batch can be screened`, `line ${refusal.line}: ${refusal.errors[0]?.message ?? refusal.code}`, refusal.errors);
}
