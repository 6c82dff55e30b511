import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type pg from 'pg';
import type { Client } from '@temporalio/client';
import { pingDatabase } from '../../core/database.ts';
import { pingTemporal } from '../../core/temporal.ts';
import { describeError } from '../../core/startup.ts';

const DependencyCheck = Type.Object({
  status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  latencyMs: Type.Optional(Type.Integer()),
  error: Type.Optional(Type.String()),
});
const HealthReport = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  checks: Type.Object({ postgres: DependencyCheck, temporal: DependencyCheck }),
});
type Check = Static<typeof DependencyCheck>;

async function check(probe: () => Promise<number>): Promise<Check> {
  try {
    return { status: 'up', latencyMs: await probe() };
  } catch (error) {
    return { status: 'down', error: describeError(error) };
  }
}

const DATABASE_PING_TIMEOUT_MS = 3_000;

function withTimeout(probe: Promise<number>, ms: number): Promise<number> {
  return Promise.race([
    probe,
    new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

export const healthRoutes: FastifyPluginAsyncTypebox<{ pool: pg.Pool; temporal: Client }> = async (app, { pool, temporal }) => {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Reachability of PostgreSQL and Temporal',
        description: '200 when every dependency answers, 503 naming the ones that do not.',
        tags: ['operations'],
        response: { 200: HealthReport, 503: HealthReport },
      },
      logLevel: 'warn',
    },
    async (_request, reply) => {
      const [postgres, temporalCheck] = await Promise.all([
        check(() => withTimeout(pingDatabase(pool), DATABASE_PING_TIMEOUT_MS)),
        check(() => pingTemporal(temporal)),
      ]);
      const healthy = postgres.status === 'up' && temporalCheck.status === 'up';
      return reply.code(healthy ? 200 : 503).send({
        status: healthy ? 'ok' : 'degraded',
        checks: { postgres, temporal: temporalCheck },
      });
    },
  );
};
