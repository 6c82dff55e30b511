import { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiProblem, problemTypeUri, type Problem } from '../problem.ts';

/**
 * One place where every failure becomes application/problem+json. Expected errors (validation,
 * framework limits, ApiProblem) keep their status and get a stable code; anything else is a 500
 * whose text is logged but never sent.
 */
const frameworkCodes: Record<string, { status: number; code: string; title: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body-too-large', title: 'Request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported-media-type', title: 'Unsupported media type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid-content-length', title: 'Invalid Content-Length' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed-json', title: 'Body is empty but declared as JSON' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed-json', title: 'Body is not valid JSON' },
  FST_ERR_CTP_INVALID_CONTENT_TYPE: { status: 415, code: 'unsupported-media-type', title: 'Invalid Content-Type' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'image-too-large', title: 'Uploaded file too large' },
  FST_FILES_LIMIT: { status: 413, code: 'too-many-parts', title: 'Too many files in the multipart body' },
  FST_FIELDS_LIMIT: { status: 413, code: 'too-many-parts', title: 'Too many fields in the multipart body' },
  FST_PARTS_LIMIT: { status: 413, code: 'too-many-parts', title: 'Too many parts in the multipart body' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 415, code: 'unsupported-media-type', title: 'Not a multipart body' },
};

/**
 * At most this many offending fields are named in a 400: a body of a hundred thousand unknown
 * fields must not become a response a hundred times larger.
 */
export const MAX_REPORTED_VALIDATION_ERRORS = 20;

interface ValidationEntry {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** The 400 for a body or part that does not match its schema, naming each offending field. */
export function validationProblem(entries: ValidationEntry[], where: string): ApiProblem {
  const reported = entries.slice(0, MAX_REPORTED_VALIDATION_ERRORS);
  const more = entries.length - reported.length;
  return new ApiProblem(
    400,
    'validation-failed',
    'Request did not match the schema',
    `The ${where} has ${entries.length} problem(s)${more > 0 ? `; the first ${reported.length} are listed` : ''}`,
    reported.map((entry) => ({
      field: `${where}${fieldOf(entry)}`,
      message: entry.keyword === 'additionalProperties' ? 'is not a known field' : (entry.message ?? 'is invalid'),
    })),
  );
}

/** The path alone: a query string may carry what must not be echoed or logged (a misplaced API key). */
export const pathOf = (url: string): string => url.split('?')[0] ?? url;

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: Omit<Problem, 'type' | 'requestId'>): FastifyReply {
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send({ type: problemTypeUri(problem.code), ...problem, instance: pathOf(request.url), requestId: request.id });
}

function fieldOf(entry: ValidationEntry): string {
  const params = entry.params ?? {};
  const child = params.missingProperty ?? params.additionalProperty;
  const base = entry.instancePath ?? '';
  return typeof child === 'string' ? `${base}/${child}` : base || '/';
}

function toProblem(error: FastifyError & Partial<ApiProblem>): Omit<Problem, 'type' | 'requestId'> | undefined {
  if (error instanceof ApiProblem) {
    return { status: error.status, code: error.code, title: error.title, detail: error.detail, errors: error.errors };
  }
  if (error.validation) {
    const problem = validationProblem(error.validation as ValidationEntry[], error.validationContext ?? 'body');
    return { status: problem.status, code: problem.code, title: problem.title, detail: problem.detail, errors: problem.errors };
  }
  const known = error.code ? frameworkCodes[error.code] : undefined;
  if (known) return { ...known, detail: error.message };
  if (error.statusCode === 429) {
    return { status: 429, code: 'rate-limited', title: 'Too many requests', detail: error.message };
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, code: 'bad-request', title: 'Bad request', detail: error.message };
  }
  return undefined;
}

/** How long a refused oversized body is still read (and thrown away) after the 413 is sent. */
const LINGER_AFTER_REFUSAL_MS = 2_000;

/**
 * A body refused for its size is usually still arriving. Node closes a `Connection: close`
 * socket as soon as the answer is written, and closing it with bytes unread makes the kernel
 * send a reset, which can overtake the 413 so that the client never reads it. So this answer is
 * written on the socket directly, the sending side is closed, and the rest of the body is read
 * and thrown away for a short while (a lingering close, as web servers do) before the socket is
 * destroyed.
 */
function refuseOversizedBody(request: FastifyRequest, reply: FastifyReply, problem: Omit<Problem, 'type' | 'requestId'>): void {
  const socket = request.raw.socket;
  const body = JSON.stringify({ type: problemTypeUri(problem.code), ...problem, instance: pathOf(request.url), requestId: request.id });
  const carried = Object.entries(reply.getHeaders())
    .filter(([name, value]) => value !== undefined && !['connection', 'content-type', 'content-length'].includes(name.toLowerCase()))
    .map(([name, value]) => `${name}: ${String(value)}\r\n`)
    .join('');
  reply.hijack();
  request.raw.resume();
  socket.on('data', () => undefined);
  socket.once('end', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${problem.status} Payload Too Large\r\n${carried}x-request-id: ${request.id}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  setTimeout(() => socket.destroy(), LINGER_AFTER_REFUSAL_MS).unref();
}

export default fp(async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem) {
      if (error instanceof ApiProblem && error.headers) reply.headers(error.headers);
      request.log.info({ code: problem.code, status: problem.status }, 'request refused');
      // A body refused unread is still arriving (fastify refuses on Content-Length before reading).
      if (problem.code === 'body-too-large' && !request.raw.complete && request.raw.socket instanceof Socket) return refuseOversizedBody(request, reply, problem);
      return sendProblem(reply, request, problem);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, {
      status: 500,
      code: 'internal-error',
      title: 'Internal error',
      detail: `Something went wrong on our side; quote request id ${request.id} when reporting it.`,
    });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, {
      status: 404,
      code: 'not-found',
      title: 'Not found',
      detail: `No route ${request.method} ${pathOf(request.url)}`,
    }),
  );
});
