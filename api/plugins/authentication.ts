import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { PrismaClient } from '../../core/database.ts';
import type { UserRole } from '../../prisma/generated/client.ts';
import { authenticateApiKey, type AuthenticatedTenant } from '../auth/apiKeys.ts';
import { resolveSession, SESSION_COOKIE, type Moderator } from '../auth/sessions.ts';
import { ApiProblem } from '../problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    tenant: AuthenticatedTenant | null;
    moderator: Moderator | null;
  }
  interface FastifyInstance {
    /** onRequest hook: the request must carry an active marketplace API key */
    requireApiKey: (request: FastifyRequest) => Promise<void>;
    /** onRequest hook factory: the request must carry a live console session with one of the roles */
    requireModerator: (roles?: UserRole[]) => (request: FastifyRequest) => Promise<void>;
  }
}

const unauthorized = (detail: string) =>
  new ApiProblem(401, 'unauthorized', 'Authentication required', detail, undefined, {
    'www-authenticate': 'Bearer realm="bonafide"',
  });

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

export default fp(
  async function authenticationPlugin(app: FastifyInstance, { prisma }: { prisma: PrismaClient }) {
    app.decorateRequest('tenant', null);
    app.decorateRequest('moderator', null);

    app.decorate('requireApiKey', async (request: FastifyRequest) => {
      const key = bearerToken(request);
      if (!key) throw unauthorized('Send the marketplace API key as "Authorization: Bearer <key>".');
      const tenant = await authenticateApiKey(prisma, key);
      if (!tenant) throw unauthorized('The API key is unknown or revoked, or its marketplace is disabled.');
      request.tenant = tenant;
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
