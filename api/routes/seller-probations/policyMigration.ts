/**
 * An admin moves a running probation to another version of the probation policy (a policy change
 * otherwise applies to new probations only). The workflow takes it by signal and records the
 * change; the request is audited. Admins who work for some marketplaces migrate their sellers only.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { appendAudit } from '../../../core/audit.ts';
import { OPEN_PROBATION_STATUSES, SELLER_PROBATION_POLICY_KEY, type ProbationStatus } from '../../../core/sellerProbation.ts';
import { migrateProbationPolicySignal } from '../../../workflows/sellerProbation.ts';
import { moderatorOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { temporalUnavailable, withTemporalDeadline } from '../../temporalCalls.ts';
import { auditedBy, notFound } from '../admin/consoleActor.ts';
import type { ProbationRouteDependencies } from './ingest.ts';

export const probationPolicyMigrationRoutes: FastifyPluginAsyncTypebox<ProbationRouteDependencies> = async (app, { prisma, temporal }) => {
  app.post(
    '/admin/v1/seller-probations/:id/policy-migration',
    {
      schema: {
        summary: 'Move a running probation to another version of the seller-probation policy',
        tags: ['console: seller probation'],
        security: [{ session: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }, { additionalProperties: false }),
        response: {
          202: Type.Object({ probationId: Type.String(), fromVersion: Type.Integer(), toVersion: Type.Integer() }),
          ...problemResponses(400, 401, 403, 404, 409, 503),
        },
      },
    },
    async (request, reply) => {
      const admin = moderatorOf(request);
      const probation = await prisma.sellerProbation.findUnique({ where: { id: request.params.id } });
      if (!probation || (admin.marketplaces !== 'all' && !admin.marketplaces.includes(probation.tenantId))) throw notFound('seller probation', request.params.id);
      if (!OPEN_PROBATION_STATUSES.includes(probation.status as ProbationStatus)) {
        throw new ApiProblem(409, 'probation-ended', 'The probation has ended', `The probation is ${probation.status}: there is nothing to migrate.`);
      }
      const { version } = request.body;
      const exists = await prisma.policy.findUnique({ where: { key_version: { key: SELLER_PROBATION_POLICY_KEY, version } }, select: { id: true } });
      if (!exists) throw new ApiProblem(400, 'unknown-policy-version', 'No such policy version', `${SELLER_PROBATION_POLICY_KEY} has no version ${version}.`, [{ field: 'body/version', message: 'is not a version of the policy' }]);
      try {
        await withTemporalDeadline(temporal, () => temporal.workflow.getHandle(probation.workflowId).signal(migrateProbationPolicySignal, { version }));
      } catch (error) {
        throw temporalUnavailable(error);
      }
      await appendAudit(prisma, { ...auditedBy(request), action: 'seller_probation.policy_migrated', objectType: 'seller_probation', objectId: probation.id, detail: { fromVersion: probation.policyVersion, toVersion: version } });
      return reply.code(202).send({ probationId: probation.id, fromVersion: probation.policyVersion, toVersion: version });
    },
  );
};
