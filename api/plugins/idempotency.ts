import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { PrismaClient } from '../../core/database.ts';
import type { DataProtector } from '../../core/dataProtection.ts';
import { idempotentResponseContext } from '../../core/cipherContexts.ts';
import { contentDigest } from '../contentDigest.ts';
import { ApiProblem } from '../problem.ts';
import { isUniqueViolation } from '../prismaErrors.ts';

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

async function claimKey({ prisma, protector, retentionHours }: Options, request: FastifyRequest, reply: FastifyReply, digest: string): Promise<void> {
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

  // Expired records, and in-flight ones whose request died without answering (process crash,
  // aborted connection), no longer hold the key.
  const now = Date.now();
  await prisma.idempotencyRecord.deleteMany({
    where: {
      tenantId,
      key,
      OR: [{ expiresAt: { lt: new Date(now) } }, { completedAt: null, createdAt: { lt: new Date(now - ABANDONED_AFTER_MS) } }],
    },
  });
  try {
    const record = await prisma.idempotencyRecord.create({
      data: { tenantId, key, route, requestHash, expiresAt: new Date(now + retentionHours * 3600_000) },
    });
    request.idempotencyRecordId = record.id;
    return;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
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

async function storeResponse({ prisma, protector }: Options, request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const id = request.idempotencyRecordId;
  if (!id) return payload;
  request.idempotencyRecordId = null;
  if (reply.statusCode >= 500 || typeof payload !== 'string') {
    await prisma.idempotencyRecord.delete({ where: { id } }).catch(() => undefined);
    return payload;
  }
  const headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((name) => (reply.hasHeader(name) ? [[name, String(reply.getHeader(name))]] : [])));
  await prisma.idempotencyRecord.update({
    where: { id },
    data: {
      completedAt: new Date(),
      responseStatus: reply.statusCode,
      responseType: String(reply.getHeader('content-type') ?? 'application/json'),
      responseHeaders: headers,
      responseCiphertext: protector.encrypt(payload, idempotentResponseContext(id)),
    },
  });
  return payload;
}
