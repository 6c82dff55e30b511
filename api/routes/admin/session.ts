import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { appendAudit } from '../../../core/audit.ts';
import type { PrismaClient } from '../../../core/database.ts';
import type { DataProtector } from '../../../core/dataProtection.ts';
import type { LoginLockout } from '../../auth/loginLockout.ts';
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
  protector: DataProtector;
  sessionTtlSeconds: number;
  cookieSecure: boolean;
  loginAttemptsPerMinute: number;
  lockout: LoginLockout;
}

const lockedOut = (retryAfterSeconds: number) =>
  // the same words for every email, known or not, and whatever the password
  new ApiProblem(429, 'rate-limited', 'Too many failed logins', 'Too many failed logins for this email: wait before trying again (Retry-After says how long).', undefined, {
    'retry-after': String(retryAfterSeconds),
  });

/** Console login: a session cookie (httpOnly, SameSite=Strict) backed by the sessions table. */
export const sessionRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { prisma, protector, sessionTtlSeconds, cookieSecure, loginAttemptsPerMinute, lockout }) => {
  const tags = ['console session'];

  /** Failed and refused logins are audited under the account's keyed hash (never the email) and the user, if known. */
  const recordFailure = (ip: string, account: string, userId: string | null, action: string, detail: Record<string, unknown>) =>
    appendAudit(prisma, { actor: { type: 'anonymous', id: null, label: 'console login' }, action, objectType: 'user', objectId: userId, detail: { account, ...detail }, ipAddress: ip });

  app.post(
    '/admin/v1/session',
    {
      // Password guessing is slowed per client address: behind the console's proxy that is the
      // forwarded address, believed only from proxies named in TRUST_PROXY (see app.ts). Guessing
      // from many addresses is stopped per account (auth/loginLockout.ts).
      config: { rateLimit: { max: loginAttemptsPerMinute, timeWindow: 60_000, keyGenerator: (request) => `console-login:${request.ip}` } },
      schema: { summary: 'Log in to the console', tags, body: LoginBody, response: { 200: ConsoleUser, ...problemResponses(400, 401, 429) } },
    },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      const account = protector.keyedHash('console_login', email);
      const attempt = await lockout.admit(account);
      if (!attempt.admitted) {
        // refused without looking the email up: the account's hash ties the entry to the lockout's
        await recordFailure(request.ip, account, null, 'session.login_refused', { retryAfterSeconds: attempt.retryAfterSeconds });
        throw lockedOut(attempt.retryAfterSeconds);
      }
      const user = await prisma.user.findUnique({ where: { email } });
      const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), request.body.password);
      if (!user || !valid || user.disabledAt) {
        const userId = user?.id ?? null;
        await recordFailure(request.ip, account, userId, 'session.login_failed', { failures: attempt.failures });
        if (attempt.lockSeconds > 0) await recordFailure(request.ip, account, userId, 'session.login_locked', { failures: attempt.failures, lockedForSeconds: attempt.lockSeconds });
        throw new ApiProblem(401, 'invalid-credentials', 'Login failed', 'Unknown email or wrong password.');
      }
      await lockout.succeeded(account);
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
