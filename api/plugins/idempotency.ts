import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { PrismaClient } from '../../core/database.ts';
import { ApiProblem } from '../problem.ts';
import { isUniqueViolation } from '../prismaErrors.ts';

/**
 * `Idempotency-Key` for POSTs that create something (routes opt in with `config: { idempotent:
 * true }`): the same key and body replay the first response byte for byte; the same key with
 * another body is a 422; the same key while the first request is still running is a 409.
 * Responses are kept for 24 hours; a 5xx is not kept, so the client may retry it.
 */
const RETENTION_MS = 24 * 3600 * 1000;
const ABANDONED_AFTER_MS = 120_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['location'];

declare module 'fastify' {
  interface FastifyContextConfig {
    idempotent?: boolean;
  }
  interface FastifyRequest {
    bodyDigest: string | null;
    idempotencyRecordId: string | null;
    /**
     * For bodies the route parses itself (multipart is read from the raw request in the
     * handler): claim the key with a digest of the parsed content. True when the stored
     * response was replayed and the handler must return `reply` as it is.
     */
    claimIdempotencyKey: (reply: FastifyReply, contentDigest: string) => Promise<boolean>;
  }
}

export default fp(
  async function idempotencyPlugin(app: FastifyInstance, { prisma }: { prisma: PrismaClient }) {
    app.decorateRequest('bodyDigest', null);
    app.decorateRequest('idempotencyRecordId', null);
    app.decorateRequest('claimIdempotencyKey', async function (this: FastifyRequest, reply: FastifyReply, contentDigest: string) {
      this.bodyDigest = contentDigest;
      await claimKey(prisma, this, reply);
      return reply.sent;
    });

    app.addHook('onRoute', (route) => {
      if (!route.config?.idempotent) return;
      route.preParsing = [...asArray(route.preParsing), digestBody];
      route.preHandler = [
        ...asArray(route.preHandler),
        async (request, reply) => {
          if (!isMultipartRequest(request)) await claimKey(prisma, request, reply);
        },
      ];
      route.onSend = [...asArray(route.onSend), (request, reply, payload) => storeResponse(prisma, request, reply, payload)];
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

/**
 * Reads the raw body (bounded by the route's body limit) and hashes it before the parser sees
 * the same bytes. Multipart bodies are read from the raw request by the handler instead, which
 * claims the key itself with a digest of what it parsed.
 */
async function digestBody(request: FastifyRequest, _reply: FastifyReply, payload: NodeJS.ReadableStream) {
  if (isMultipartRequest(request)) return payload;
  const limit = request.routeOptions.bodyLimit ?? 1024 * 1024;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += bytes.length;
    if (size > limit) {
      throw new ApiProblem(413, 'body-too-large', 'Request body is too large', `The body exceeds ${limit} bytes.`);
    }
    chunks.push(bytes);
  }
  const body = Buffer.concat(chunks);
  request.bodyDigest = createHash('sha256').update(body).digest('hex');
  const replay = Readable.from([body]) as Readable & { receivedEncodedLength?: number };
  replay.receivedEncodedLength = body.length;
  return replay;
}

async function claimKey(prisma: PrismaClient, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw new ApiProblem(400, 'idempotency-key-required', 'Idempotency-Key header required', 'Send a unique Idempotency-Key (1-255 printable characters) with every create request.', [
      { field: 'header/idempotency-key', message: 'is required' },
    ]);
  }
  const tenantId = request.tenant?.tenantId;
  if (!tenantId) throw new Error('idempotent route without an authenticated tenant');
  const route = `${request.method} ${request.routeOptions.url}`;
  const requestHash = createHash('sha256')
    .update(`${route}\n${request.headers['content-type'] ?? ''}\n`)
    .update(request.bodyDigest ?? '')
    .digest('hex');

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
      data: { tenantId, key, route, requestHash, expiresAt: new Date(Date.now() + RETENTION_MS) },
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
  await reply
    .code(existing.responseStatus)
    .headers({ ...headers, 'idempotent-replayed': 'true' })
    .type(existing.responseType ?? 'application/json')
    .send(existing.responseBody ?? '');
}

async function storeResponse(prisma: PrismaClient, request: FastifyRequest, reply: FastifyReply, payload: unknown) {
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
      responseBody: payload,
    },
  });
  return payload;
}
