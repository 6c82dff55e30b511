import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type pg from 'pg';
import type { PrismaClient } from '../../core/database.ts';
import type { UserRole } from '../../prisma/generated/client.ts';
import { createApiKeyFailures } from '../auth/apiKeyFailures.ts';
import { authenticateApiKey, isWellFormedApiKey, type AuthenticatedTenant } from '../auth/apiKeys.ts';
import { resolveSession, SESSION_COOKIE, type Moderator } from '../auth/sessions.ts';
import { ApiProblem } from '../problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    tenant: AuthenticatedTenant | null;
    moderator: Moderator | null;
  }
  interface FastifyInstance {
    /** onRequest hook: the request must carry an active marketplace API key */
    requireApiKey: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** onRequest hook factory: the request must carry a live console session with one of the roles */
    requireModerator: (roles?: UserRole[]) => (request: FastifyRequest) => Promise<void>;
  }
}

const unauthorized = (detail: string) =>
  new ApiProblem(401, 'unauthorized', 'Authentication required', detail, undefined, {
    'www-authenticate': 'Bearer realm="bonafide"',
  });

const tooManyFailures = (retryAfterSeconds: number) =>
  new ApiProblem(429, 'rate-limited', 'Too many requests', 'Too many requests with an unknown or revoked API key from this address: try again later.', undefined, {
    'retry-after': String(retryAfterSeconds),
  });

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

export default fp(
  async function authenticationPlugin(app: FastifyInstance, { prisma, pool, apiKeyFailuresPerMinute }: { prisma: PrismaClient; pool: pg.Pool; apiKeyFailuresPerMinute: number }) {
    app.decorateRequest('tenant', null);
    app.decorateRequest('moderator', null);
    const failures = createApiKeyFailures(pool, apiKeyFailuresPerMinute);

    app.decorate('requireApiKey', async (request: FastifyRequest, reply: FastifyReply) => {
      const key = bearerToken(request);
      if (!key) throw unauthorized('Send the marketplace API key as "Authorization: Bearer <key>".');
      // an address past its failures is refused before the key table is read, whatever key it sends
      const refused = failures.refusedFor(request.ip);
      if (refused > 0) throw tooManyFailures(refused);
      const budget = request.routeOptions.config.apiKeyBudget;
      const tenant = await authenticateApiKey(pool, key, budget);
      if (!tenant) {
        // only keys that were looked up count: a malformed one costs no query
        const over = isWellFormedApiKey(key) ? await failures.record(request.ip) : 0;
        if (over > 0) throw tooManyFailures(over);
        throw unauthorized('The API key is unknown or revoked, or its marketplace is disabled.');
      }
      if (budget && tenant.budget) {
        const resetSeconds = Math.max(1, Math.ceil(tenant.budget.ttlMs / 1000));
        reply.headers({
          'x-ratelimit-limit': String(budget.perWindow),
          'x-ratelimit-remaining': String(Math.max(0, budget.perWindow - tenant.budget.hits)),
          'x-ratelimit-reset': String(resetSeconds),
        });
        if (tenant.budget.hits > budget.perWindow) {
          throw new ApiProblem(429, 'rate-limited', 'Too many requests', `This API key's budget of ${budget.perWindow} requests a minute is spent; retry in ${resetSeconds} s.`, undefined, {
            'retry-after': String(resetSeconds),
          });
        }
      }
      request.tenant = { tenantId: tenant.tenantId, tenantSlug: tenant.tenantSlug, apiKeyId: tenant.apiKeyId };
      request.log = request.log.child({ tenant: tenant.tenantSlug });
    });

    app.decorate('requireModerator', (roles?: UserRole[]) => async (request: FastifyRequest) => {
      const token = request.cookies[SESSION_COOKIE];
      const moderator = token ? await resolveSession(prisma, token) : null;
      if (!moderator) throw new ApiProblem(401, 'unauthorized', 'Authentication required', 'Log in to the console first.');
      if (roles && !roles.includes(moderator.role)) {
        throw new ApiProblem(403, 'forbidden', 'Not allowed', `This action needs one of the roles: ${roles.join(', ')}.`);
      }
      request.moderator = moderator;
    });
  },
  { name: 'authentication', dependencies: ['@fastify/cookie'] },
);

/** The authenticated tenant; routes call it after the requireApiKey hook. */
export function tenantOf(request: FastifyRequest): AuthenticatedTenant {
  if (!request.tenant) throw new Error('route reached without API-key authentication');
  return request.tenant;
}

export function moderatorOf(request: FastifyRequest): Moderator {
  if (!request.moderator) throw new Error('route reached without a console session');
  return request.moderator;
}
