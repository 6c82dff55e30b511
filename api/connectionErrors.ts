import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problemTypeUri } from './problem.ts';
import { sendProblem } from './plugins/errors.ts';

/**
 * Failures that happen before fastify has a request to hand to the error handler still answer
 * problem+json: a request whose headers exceed Node's limit (431), one that cannot be parsed as
 * HTTP (400), one that took too long to arrive (408), and router refusals (a path segment over
 * the parameter limit, 414; an undecodable URL, 400).
 */
const clientErrors: Record<string, { status: number; code: string; title: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'headers-too-large', title: 'Request headers are too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request-timeout', title: 'The request took too long to arrive' },
};
const malformedRequest = { status: 400, code: 'malformed-request', title: 'The request is not valid HTTP' };

/** fastify's clientErrorHandler: the socket is answered once and closed (its state is unknown). */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem = (error.code && clientErrors[error.code]) || malformedRequest;
  const body = JSON.stringify({ type: problemTypeUri(problem.code), title: problem.title, status: problem.status, code: problem.code });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

const routerErrors: Record<string, { status: number; code: string; title: string }> = {
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'uri-too-long', title: 'A path segment is longer than any identifier we issue' },
  FST_ERR_BAD_URL: { status: 400, code: 'malformed-url', title: 'The URL cannot be decoded' },
};

/** fastify's frameworkErrors: refusals by the router, before any route is chosen. */
export function answerRouterError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const problem = (error.code && routerErrors[error.code]) || { status: 400, code: 'bad-request', title: 'Bad request' };
  sendProblem(reply, request, { ...problem, detail: problem.title });
}
