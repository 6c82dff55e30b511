import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type pg from 'pg';
import type { PrismaClient } from '../../core/database.ts';
import type { DataProtector } from '../../core/dataProtection.ts';
import { idempotentResponseContext } from '../../core/cipherContexts.ts';
import { runStatement } from '../../core/sql.ts';
import { contentDigest } from '../contentDigest.ts';
import { ApiProblem } from '../problem.ts';

/**
 * `Idempotency-Key` for POSTs that create something (routes opt in with `config: { idempotent:
 * true }`): the same key and content replay the first response byte for byte; the same key with
 * other content is a 422; the same key while the first request is still running is a 409.
 *
 * "Same content" is decided on the parsed body (contentDigest), never on its framing: a retried
 * multipart upload has a new boundary, a client may add `; charset=utf-8`. Stored responses are
 * encrypted and bound to their row, because some carry a secret shown once (a webhook signing
 * secret). Records expire after IDEMPOTENCY_RETENTION_HOURS and a scheduled workflow deletes
 * them; a 5xx is not kept, so the client may retry it.
 */
const ABANDONED_AFTER_MS = 120_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['location'];

declare module 'fastify' {
  interface FastifyContextConfig {
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyRecordId: string | null;
    /**
     * For bodies the route parses itself (multipart is read in the handler): claim the key with
     * the parsed content. True when the stored response was replayed and the handler must
     * return `reply` as it is.
     */
    claimIdempotencyKey: (reply: FastifyReply, content: unknown) => Promise<boolean>;
  }
}

interface Options {
  prisma: PrismaClient;
  pool: pg.Pool;
  protector: DataProtector;
  retentionHours: number;
}

export default fp(
  async function idempotencyPlugin(app: FastifyInstance, options: Options) {
    app.decorateRequest('idempotencyRecordId', null);
    app.decorateRequest('claimIdempotencyKey', async function (this: FastifyRequest, reply: FastifyReply, content: unknown) {
      await claimKey(options, this, reply, contentDigest(content));
      return reply.sent;
    });

    app.addHook('onRoute', (route) => {
      if (!route.config?.idempotent) return;
      route.preHandler = [
        ...asArray(route.preHandler),
        async (request, reply) => {
          if (!isMultipartRequest(request)) await claimKey(options, request, reply, contentDigest(request.body ?? null));
        },
      ];
      route.onSend = [...asArray(route.onSend), (request, reply, payload) => storeResponse(options, request, reply, payload)];
    });
  },
  { name: 'idempotency' },
);

// From the header: the multipart plugin only marks a request as multipart once it is parsed.
const isMultipartRequest = (request: FastifyRequest) => /^multipart\//i.test(request.headers['content-type'] ?? '');

function asArray<T>(hook: T | T[] | undefined): T[] {
  if (!hook) return [];
  return Array.isArray(hook) ? hook : [hook];
}

async function claimKey({ prisma, pool, protector, retentionHours }: Options, request: FastifyRequest, reply: FastifyReply, digest: string): Promise<void> {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw new ApiProblem(400, 'idempotency-key-required', 'Idempotency-Key header required', 'Send a unique Idempotency-Key (1-255 printable characters) with every create request.', [
      { field: 'header/idempotency-key', message: 'is required' },
    ]);
  }
  const tenantId = request.tenant?.tenantId;
  if (!tenantId) throw new Error('idempotent route without an authenticated tenant');
  const route = `${request.method} ${request.routeOptions.url}`;
  // the path's parameters are part of the request: one key with the same body for two sellers (or
  // two checks) is two different requests. Left out when there are none, so the hashes of records
  // stored before they counted stay the same.
  const params = Object.entries((request.params ?? {}) as Record<string, unknown>).sort(([left], [right]) => left.localeCompare(right));
  const requestHash = createHash('sha256').update(`${route}${params.length > 0 ? `\n${JSON.stringify(params)}` : ''}\n${digest}`).digest('hex');

  // One statement in the common case (a new key). Only when the key is taken: expired records, and
  // in-flight ones whose request died without answering (process crash, aborted connection), no
  // longer hold it; then the record that does is read. On the pool rather than the ORM: every
  // create request runs this, and the ORM's per-query planning cost more than the statements.
  const now = Date.now();
  const claim = async () =>
    (await runStatement<{ id: string }>(
      pool,
      `INSERT INTO idempotency_records (id, tenant_id, key, route, request_hash, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6::timestamptz AT TIME ZONE 'UTC', $7::timestamptz AT TIME ZONE 'UTC')
       ON CONFLICT (tenant_id, key) DO NOTHING RETURNING id`,
      [randomUUID(), tenantId, key, route, requestHash, new Date(now), new Date(now + retentionHours * 3600_000)],
    )).rows[0];
  let claimed = await claim();
  if (!claimed) {
    const { rowCount } = await runStatement(
      pool,
      `DELETE FROM idempotency_records WHERE tenant_id = $1 AND key = $2
       AND (expires_at < $3::timestamptz AT TIME ZONE 'UTC' OR (completed_at IS NULL AND created_at < $4::timestamptz AT TIME ZONE 'UTC'))`,
      [tenantId, key, new Date(now), new Date(now - ABANDONED_AFTER_MS)],
    );
    if (rowCount) claimed = await claim();
  }
  if (claimed) {
    request.idempotencyRecordId = claimed.id;
    return;
  }
  const existing = await prisma.idempotencyRecord.findUnique({ where: { tenantId_key: { tenantId, key } } });
  if (!existing) throw new ApiProblem(409, 'idempotency-key-in-flight', 'Request in progress', 'Retry shortly.');
  if (existing.requestHash !== requestHash) {
    throw new ApiProblem(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'This Idempotency-Key was used with a different request.');
  }
  if (existing.completedAt === null || existing.responseStatus === null) {
    throw new ApiProblem(409, 'idempotency-key-in-flight', 'Request in progress', 'The first request with this Idempotency-Key has not finished; retry shortly.', undefined, {
      'retry-after': '1',
    });
  }
  const headers = (existing.responseHeaders ?? {}) as Record<string, string>;
  const body = existing.responseCiphertext ? protector.decrypt(existing.responseCiphertext, idempotentResponseContext(existing.id)).toString('utf8') : '';
  await reply
    .code(existing.responseStatus)
    .headers({ ...headers, 'idempotent-replayed': 'true' })
    .type(existing.responseType ?? 'application/json')
    .send(body);
}

async function storeResponse({ pool, protector }: Options, request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const id = request.idempotencyRecordId;
  if (!id) return payload;
  request.idempotencyRecordId = null;
  if (reply.statusCode >= 500 || typeof payload !== 'string') {
    await pool.query('DELETE FROM idempotency_records WHERE id = $1', [id]).catch(() => undefined);
    return payload;
  }
  const headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((name) => (reply.hasHeader(name) ? [[name, String(reply.getHeader(name))]] : [])));
  await runStatement(
    pool,
    `UPDATE idempotency_records SET completed_at = $2::timestamptz AT TIME ZONE 'UTC', response_status = $3, response_type = $4, response_headers = $5::jsonb, response_ciphertext = $6
     WHERE id = $1`,
    [id, new Date(), reply.statusCode, String(reply.getHeader('content-type') ?? 'application/json'), JSON.stringify(headers), Buffer.from(protector.encrypt(payload, idempotentResponseContext(id)))],
  );
  return payload;
}
