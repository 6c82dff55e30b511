/**
 * Guards every console route from one table (api/auth/consoleAccess.ts): the route's level is
 * looked up when the route is added (a route missing from the table is an error at start-up), and
 * an onRequest hook checks the session and role before the handler runs.
 *
 * State-changing console routes are also protected against cross-site requests beyond SameSite
 * cookies: the `Origin` header must be one of the configured console origins (CONSOLE_ORIGINS),
 * and a body must be JSON, which a cross-site form cannot send without a CORS preflight. The Host
 * header is no evidence: a page of any site whose name is made to resolve to the API (DNS
 * rebinding) sends a Host and an Origin that agree.
 */
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { consoleAccessMatrix, rolesFor, type ConsoleAccess } from '../auth/consoleAccess.ts';
import { ApiProblem } from '../problem.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function accessOf(method: string, url: string): ConsoleAccess | undefined {
  return consoleAccessMatrix[`${method === 'HEAD' ? 'GET' : method} ${url}`];
}

function originAllowed(request: FastifyRequest, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  return typeof origin === 'string' && allowedOrigins.includes(origin);
}

function checkCrossSite(request: FastifyRequest, allowedOrigins: readonly string[]): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (!originAllowed(request, allowedOrigins)) {
    throw new ApiProblem(403, 'origin-refused', 'Cross-site request refused', 'Console changes must come from the console: the Origin header is missing or not allowed.');
  }
  const hasBody = request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0';
  const type = request.headers['content-type'] ?? '';
  if ((hasBody || request.headers['transfer-encoding']) && !/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiProblem(415, 'unsupported-media-type', 'Unsupported media type', 'Console routes accept only application/json bodies.');
  }
}

export default fp(
  async function consoleGuard(app: FastifyInstance, { allowedOrigins }: { allowedOrigins: readonly string[] }) {
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/admin/')) return;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const levels = new Set(methods.map((method) => accessOf(method, route.url)));
      if (levels.has(undefined) || levels.size !== 1) {
        throw new Error(`console route ${methods.join(',')} ${route.url} has no entry in api/auth/consoleAccess.ts`);
      }
      const access = [...levels][0]!;
      const guard: onRequestHookHandler = async (request) => {
        // who first (401/403 for the session and role), then where from
        if (access !== 'public') await app.requireModerator(rolesFor(access))(request);
        checkCrossSite(request, allowedOrigins);
      };
      const existing = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
      route.onRequest = [guard, ...existing];
    });
  },
  { name: 'console-guard', dependencies: ['authentication'] },
);
