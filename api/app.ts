import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Client } from '@temporalio/client';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import type pg from 'pg';
import type { Config } from '../core/config.ts';
import type { PrismaClient } from '../core/database.ts';
import type { DataProtector } from '../core/dataProtection.ts';
import { createLoginLockout } from './auth/loginLockout.ts';
import { answerClientError, answerRouterError } from './connectionErrors.ts';
import idempotency from './plugins/idempotency.ts';
import { ApiProblem } from './problem.ts';
import batchSubjects from './plugins/batchSubjects.ts';
import caseSubjects from './plugins/caseSubjects.ts';
import policyKeys from './plugins/policyKeys.ts';
import consoleGuard from './plugins/consoleGuard.ts';
import { auditLogRoutes } from './routes/admin/auditLog.ts';
import { caseRoutes } from './routes/admin/cases/index.ts';
import { operatorAdminRoutes } from './routes/admin/operatorAdmin.ts';
import { consoleBatchRoutes } from './routes/admin/batches/index.ts';
import { queueRoutes } from './routes/admin/queues/index.ts';
import { statsRoutes } from './routes/admin/stats.ts';
import { transparencyReportRoutes } from './routes/admin/transparencyReport.ts';
import { pathOf } from './plugins/errors.ts';
import rateLimits from './plugins/rateLimits.ts';
import { createPostgresRateLimitStore } from './rateLimitStore.ts';
import { buildValidator } from './validation.ts';
import { sellerVettingRoutes } from './routes/seller-vettings/index.ts';
import { listingScreeningRoutes } from './routes/listing-screenings/index.ts';
import { contentScreeningRoutes } from './routes/content-screenings/index.ts';
import { authenticityCheckRoutes } from './routes/authenticity-checks/index.ts';
import { sellerProbationRoutes } from './routes/seller-probations/index.ts';
import { appealRoutes } from './routes/appeals/index.ts';
import { statementOfReasonsRoutes } from './routes/enforcement/index.ts';
import { sellerRoutes } from './routes/sellers/index.ts';
import { webhookEndpointRoutes } from './routes/webhook-endpoints/index.ts';
import authentication from './plugins/authentication.ts';
import errors from './plugins/errors.ts';
import openapi from './plugins/openapi.ts';
import { sessionRoutes } from './routes/admin/session.ts';
import { healthRoutes } from './routes/health.ts';
import { systemProbeRoutes } from './routes/system-probes/index.ts';
import { listenForAnswers, type AnswerNotifications } from './answerNotifications.ts';
import { createWorkflowStarter, type WorkflowStarter } from '../core/workflowStarts.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** starts the workflows submissions wrote to the outbox (core/workflowStarts.ts) */
    workflowStarts: WorkflowStarter;
  }
}

export interface AppDependencies {
  config: Config;
  prisma: PrismaClient;
  pool: pg.Pool;
  temporal: Client;
  protector: DataProtector;
  /** fastify logger option; tests pass false */
  logger?: FastifyServerOptions['logger'];
  /** a pino logger to use instead (tests that read the logs) */
  loggerInstance?: FastifyBaseLogger;
  /** told of every route as it is added (the role-matrix test lists the console routes with it) */
  onRoute?: (route: RouteOptions) => void;
  /** answer notifications for `?wait`; by default the app listens on DATABASE_URL and stops when it closes */
  answers?: AnswerNotifications;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Path parameters are identifiers we issue or accept (UUIDs, seller ids of at most 128
 * characters); the router's limit leaves room for percent-encoding so that the schema, not the
 * router, decides what is too long.
 */
const MAX_PATH_PARAMETER_LENGTH = 3 * 128;

/**
 * Builds the API without listening, so tests drive it with app.inject(). Every limit is explicit:
 * fastify has no request timeout by default, and its validator drops unknown fields unless told
 * not to (we refuse them with a 400 instead). The client address is the peer's, unless the peer
 * is a proxy named in TRUST_PROXY (then X-Forwarded-For is believed).
 */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    ...(deps.loggerInstance ? { loggerInstance: deps.loggerInstance } : {}),
    logger: deps.loggerInstance ? undefined : (deps.logger ?? {
      level: config.LOG_LEVEL,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
      serializers: {
        // no query string in the logs: it may carry a misplaced API key
        req: (request: { method: string; url: string; ip?: string }) => ({ method: request.method, url: pathOf(request.url), remoteAddress: request.ip }),
      },
    }),
    bodyLimit: config.API_BODY_LIMIT_BYTES,
    requestTimeout: config.API_REQUEST_TIMEOUT_MS,
    connectionTimeout: config.API_CONNECTION_TIMEOUT_MS,
    keepAliveTimeout: config.API_KEEP_ALIVE_TIMEOUT_MS,
    return503OnClosing: true,
    routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
    trustProxy: config.TRUST_PROXY.length > 0 ? config.TRUST_PROXY : false,
    clientErrorHandler: answerClientError,
    frameworkErrors: answerRouterError,
    schemaController: { compilersFactory: { buildValidator } },
    requestIdHeader: false, // genReqId reads x-request-id itself and refuses malformed ones
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // No route takes plain text: a text/plain body is a 415 rather than a string reaching a handler.
  // An empty one is no body at all (react-admin's stock DELETE labels its empty body text/plain).
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') done(null, undefined);
    else done(new ApiProblem(415, 'unsupported-media-type', 'Unsupported media type', 'No route takes text/plain: send application/json.'), undefined);
  });

  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  const answers = deps.answers ?? listenForAnswers({ databaseUrl: config.DATABASE_URL, onError: (error) => app.log.warn({ err: error }, 'answer notifications: listening connection lost; waits read their rows meanwhile') });
  app.decorate('answers', answers);
  if (!deps.answers) app.addHook('onClose', async () => answers.close());
  const workflowStarts = createWorkflowStarter({
    pool: deps.pool,
    temporal: deps.temporal,
    pollMs: config.WORKFLOW_START_POLL_MS,
    concurrency: config.WORKFLOW_START_CONCURRENCY,
    onError: (error, context) => app.log.warn({ err: error, ...context }, 'workflow start failed; it stays in the outbox and is tried again'),
  });
  app.decorate('workflowStarts', workflowStarts);
  // fastify closes hooks in reverse: this runs before the database and Temporal clients go
  app.addHook('onClose', async () => workflowStarts.close());
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errors);
  await app.register(cookie);
  await app.register(authentication, { prisma: deps.prisma, pool: deps.pool, apiKeyFailuresPerMinute: config.API_KEY_FAILURES_PER_MINUTE });
  await app.register(consoleGuard, { allowedOrigins: config.CONSOLE_ORIGINS });
  await app.register(caseSubjects);
  await app.register(batchSubjects);
  await app.register(policyKeys);
  // Counters live in PostgreSQL so every API replica enforces the same limit. rateLimits gives
  // each API-key route its budget, counted by the key's lookup; @fastify/rate-limit keeps the
  // routes that set `config.rateLimit` themselves (console logins, the buyer's page).
  await app.register(rateLimits, { requestsPerMinute: config.API_KEY_REQUESTS_PER_MINUTE });
  await app.register(rateLimit, { global: false, store: createPostgresRateLimitStore(deps.pool), skipOnError: false });
  await app.register(idempotency, { prisma: deps.prisma, pool: deps.pool, protector: deps.protector, retentionHours: config.IDEMPOTENCY_RETENTION_HOURS });
  await app.register(openapi, { publicUrl: config.API_PUBLIC_URL });

  await app.register(healthRoutes, { pool: deps.pool, temporal: deps.temporal });
  await app.register(systemProbeRoutes, {
    prisma: deps.prisma,
    temporal: deps.temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    publicUrl: config.API_PUBLIC_URL,
  });
  await app.register(sessionRoutes, {
    prisma: deps.prisma,
    protector: deps.protector,
    sessionTtlSeconds: config.SESSION_TTL_SECONDS,
    cookieSecure: config.COOKIE_SECURE,
    loginAttemptsPerMinute: config.LOGIN_ATTEMPTS_PER_MINUTE,
    lockout: createLoginLockout(deps.pool, {
      failuresBeforeLockout: config.LOGIN_FAILURES_BEFORE_LOCKOUT,
      lockoutSeconds: config.LOGIN_LOCKOUT_SECONDS,
      maxLockoutSeconds: config.LOGIN_LOCKOUT_MAX_SECONDS,
    }),
  });
  await app.register(sellerVettingRoutes, { prisma: deps.prisma, pool: deps.pool, protector: deps.protector, temporal: deps.temporal, config });
  await app.register(listingScreeningRoutes, { prisma: deps.prisma, pool: deps.pool, temporal: deps.temporal, config });
  await app.register(contentScreeningRoutes, { prisma: deps.prisma, pool: deps.pool, temporal: deps.temporal, config });
  await app.register(sellerProbationRoutes, { prisma: deps.prisma, pool: deps.pool, temporal: deps.temporal, config });
  await app.register(authenticityCheckRoutes, { prisma: deps.prisma, pool: deps.pool, temporal: deps.temporal, config });
  await app.register(appealRoutes, { prisma: deps.prisma, pool: deps.pool, temporal: deps.temporal, config });
  await app.register(webhookEndpointRoutes, { prisma: deps.prisma, protector: deps.protector, allowPrivateNetwork: config.OUTBOUND_ALLOW_PRIVATE_NETWORK });
  await app.register(caseRoutes, { prisma: deps.prisma, temporal: deps.temporal, claimSeconds: config.CASE_CLAIM_SECONDS });
  await app.register(queueRoutes, { prisma: deps.prisma });
  await app.register(consoleBatchRoutes, { prisma: deps.prisma, temporal: deps.temporal, config });
  await app.register(statsRoutes, { prisma: deps.prisma });
  await app.register(transparencyReportRoutes, { prisma: deps.prisma });
  await app.register(auditLogRoutes, { prisma: deps.prisma });
  await app.register(sellerRoutes, { prisma: deps.prisma });
  await app.register(statementOfReasonsRoutes, { prisma: deps.prisma, protector: deps.protector, allowPrivateNetwork: config.OUTBOUND_ALLOW_PRIVATE_NETWORK });
  await app.register(operatorAdminRoutes, { prisma: deps.prisma });
  return app;
}
