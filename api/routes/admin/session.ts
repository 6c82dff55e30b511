import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { PrismaClient } from '../../../core/database.ts';
import { decoyPasswordHash, verifyPassword } from '../../auth/passwords.ts';
import { closeSession, openSession, resolveSession, SESSION_COOKIE } from '../../auth/sessions.ts';
import { moderatorOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';

const ConsoleUser = Type.Object({
  user: Type.Object({
    id: Type.String(),
    email: Type.String(),
    displayName: Type.String(),
    role: Type.Union([Type.Literal('moderator'), Type.Literal('senior_moderator'), Type.Literal('admin')]),
  }),
});
const LoginBody = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);

interface Options {
  prisma: PrismaClient;
  sessionTtlSeconds: number;
  cookieSecure: boolean;
  loginAttemptsPerMinute: number;
}

/** Console login: a session cookie (httpOnly, SameSite=Strict) backed by the sessions table. */
export const sessionRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { prisma, sessionTtlSeconds, cookieSecure, loginAttemptsPerMinute }) => {
  const tags = ['console session'];

  app.post(
    '/admin/v1/session',
    {
      // Password guessing is slowed per client address: behind the console's proxy that is the
      // forwarded address, believed only from proxies named in TRUST_PROXY (see app.ts).
      config: { rateLimit: { max: loginAttemptsPerMinute, timeWindow: 60_000, keyGenerator: (request) => `console-login:${request.ip}` } },
      schema: { summary: 'Log in to the console', tags, body: LoginBody, response: { 200: ConsoleUser, ...problemResponses(400, 401, 429) } },
    },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      const user = await prisma.user.findUnique({ where: { email } });
      const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), request.body.password);
      if (!user || !valid || user.disabledAt) {
        throw new ApiProblem(401, 'invalid-credentials', 'Login failed', 'Unknown email or wrong password.');
      }
      const { token, expiresAt } = await openSession(prisma, user.id, sessionTtlSeconds);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: cookieSecure,
        expires: expiresAt,
      });
      request.log.info({ userId: user.id }, 'moderator logged in');
      return { user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role } };
    },
  );

  app.get(
    '/admin/v1/session',
    {
      schema: { summary: 'The logged-in moderator', tags, security: [{ session: [] }], response: { 200: ConsoleUser, ...problemResponses(401) } },
    },
    async (request) => {
      const { id, email, displayName, role } = moderatorOf(request);
      return { user: { id, email, displayName, role } };
    },
  );

  app.delete(
    '/admin/v1/session',
    {
      schema: {
        summary: 'Log out (answers 204 also when there is no live session, so logging out is always safe)',
        tags,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      const moderator = token ? await resolveSession(prisma, token) : null;
      if (moderator) await closeSession(prisma, moderator.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
};
