import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../../core/database.ts';
import { systemProbeWorkflowId } from '../../../workflows/names.ts';
import type { systemProbe } from '../../../workflows/systemProbe.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { temporalUnavailable, withTemporalDeadline } from '../../temporalCalls.ts';
import { CreateSystemProbeBody, SystemProbe, SystemProbeParams } from './schemas.ts';

interface Options {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  publicUrl: string;
}

type ProbeRow = Awaited<ReturnType<PrismaClient['systemProbe']['findFirstOrThrow']>>;

/**
 * System probes: a marketplace (or an operator) checks the whole chain — API, Temporal, worker,
 * PostgreSQL — by creating one and reading it back until it is completed.
 */
export const systemProbeRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { prisma, temporal, taskQueue, publicUrl }) => {
  const present = (row: ProbeRow) => ({
    id: row.id,
    status: row.status,
    workflowId: row.workflowId,
    requestedAt: row.requestedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    workerIdentity: row.workerIdentity,
    url: `${publicUrl}/v1/system-probes/${row.id}`,
  });

  app.post(
    '/v1/system-probes',
    {
      onRequest: app.requireApiKey,
      // The body is optional; an absent one validates as {} so unknown fields are still refused.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        summary: 'Start an end-to-end probe of the platform',
        tags: ['operations'],
        security: [{ apiKey: [] }],
        body: CreateSystemProbeBody,
        response: { 202: SystemProbe, ...problemResponses(400, 401, 503) },
      },
    },
    async (request, reply) => {
      const { tenantId } = tenantOf(request);
      const id = crypto.randomUUID();
      const workflowId = systemProbeWorkflowId(id);
      const row = await prisma.systemProbe.create({ data: { id, tenantId, workflowId } });
      try {
        await withTemporalDeadline(temporal, () =>
          temporal.workflow.start<typeof systemProbe>('systemProbe', { workflowId, taskQueue, args: [{ probeId: id }] }),
        );
      } catch (error) {
        await prisma.systemProbe.update({ where: { id }, data: { status: 'failed' } });
        request.log.warn({ err: error }, 'could not start the system probe workflow');
        throw temporalUnavailable(error);
      }
      return reply.code(202).header('location', `/v1/system-probes/${id}`).send(present(row));
    },
  );

  app.get(
    '/v1/system-probes/:id',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'Read a system probe',
        tags: ['operations'],
        security: [{ apiKey: [] }],
        params: SystemProbeParams,
        response: { 200: SystemProbe, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      // Another tenant's probe answers exactly like a missing one.
      const row = await prisma.systemProbe.findFirst({ where: { id: request.params.id, tenantId } });
      if (!row) throw new ApiProblem(404, 'not-found', 'Not found', `No system probe ${request.params.id}`);
      return present(row);
    },
  );
};
