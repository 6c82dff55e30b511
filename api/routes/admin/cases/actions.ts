import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { appendAudit } from '../../../../core/audit.ts';
import { decisionProblem } from '../../../../core/cases.ts';
import type { PrismaClient } from '../../../../core/database.ts';
import { decideCaseUpdate } from '../../../../workflows/caseReview.ts';
import { moderatorOf } from '../../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../../problem.ts';
import { temporalUnavailable, withTemporalDeadline } from '../../../temporalCalls.ts';
import { caseVisibleTo, consoleActor, requireWorkable } from './access.ts';
import { claimCase, releaseCase } from './claims.ts';
import { CaseView, marketplaceNames, presentCase } from './view.ts';

const UPDATE_DEADLINE_MS = 15_000;
const tags = ['console: cases'];
const security = [{ session: [] }];
const params = Type.Object({ id: Type.String({ format: 'uuid' }) });

interface Options {
  prisma: PrismaClient;
  temporal: Client;
  claimSeconds: number;
}

/** Claim, release, escalate and decide: each checked against the case, recorded in the audit log. */
export const caseActionRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { prisma, temporal, claimSeconds }) => {
  const audit = (request: { ip: string }, moderator: ReturnType<typeof moderatorOf>, action: string, row: { id: string; tenantId: string }, detail: Record<string, unknown> = {}) =>
    appendAudit(prisma, { actor: consoleActor(moderator), action, objectType: 'case', objectId: row.id, tenantId: row.tenantId, detail, ipAddress: request.ip });
  const view = async (row: Parameters<typeof presentCase>[0]) => presentCase(row, app.caseSubjects, await marketplaceNames(prisma, [row.tenantId]));

  app.post(
    '/admin/v1/cases/:id/claim',
    { schema: { summary: 'Claim a case to work on it (others see who holds it; the claim lapses)', tags, security, params, response: { 200: CaseView, ...problemResponses(401, 403, 404, 409) } } },
    async (request) => {
      const moderator = moderatorOf(request);
      const row = await caseVisibleTo(prisma, moderator, request.params.id);
      await requireWorkable(prisma, moderator, row, app.caseSubjects);
      const claimed = await claimCase(prisma, moderator, row, claimSeconds);
      await audit(request, moderator, 'case.claimed', row, { until: claimed.claimExpiresAt?.toISOString() });
      return await view(claimed);
    },
  );

  app.delete(
    '/admin/v1/cases/:id/claim',
    { schema: { summary: 'Release a claim, returning the case to its queue', tags, security, params, response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 409) } } },
    async (request, reply) => {
      const moderator = moderatorOf(request);
      const row = await caseVisibleTo(prisma, moderator, request.params.id);
      await releaseCase(prisma, moderator, row);
      await audit(request, moderator, 'case.released', row);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/admin/v1/cases/:id/escalation',
    {
      schema: {
        summary: 'Hand the case to senior moderators (with a note); it leaves the moderator queues',
        tags,
        security,
        params,
        body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: CaseView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const moderator = moderatorOf(request);
      const row = await caseVisibleTo(prisma, moderator, request.params.id);
      await requireWorkable(prisma, moderator, row, app.caseSubjects);
      if (row.requiredRole !== 'moderator') throw new ApiProblem(409, 'case-already-escalated', 'Already with senior moderators', 'Only a senior moderator or an admin can decide this case.');
      await claimCase(prisma, moderator, row, claimSeconds);
      await prisma.case.update({
        where: { id: row.id },
        data: { requiredRole: 'senior_moderator', escalatedAt: new Date(), escalationNote: request.body.note, claimedById: null, claimExpiresAt: null },
      });
      await audit(request, moderator, 'case.escalated', row);
      return await view(await caseVisibleTo(prisma, moderator, row.id));
    },
  );

  app.post(
    '/admin/v1/cases/:id/decision',
    {
      schema: {
        summary: 'Decide a case: the waiting workflow takes the decision (a validated update) before this answers',
        tags,
        security,
        params,
        body: Type.Object(
          { decision: Type.String({ minLength: 1, maxLength: 64, description: 'one of the case’s `decisions`' }), note: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ caseId: Type.String(), decision: Type.String(), accepted: Type.Boolean() }), ...problemResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      const moderator = moderatorOf(request);
      const row = await caseVisibleTo(prisma, moderator, request.params.id);
      const definition = app.caseSubjects.get(row.subjectType)?.definition;
      if (!definition) throw new ApiProblem(409, 'case-type-unavailable', 'Cannot decide this kind of case here', `No capability handles ${row.subjectType} cases in this API.`);
      const refused = decisionProblem(definition, request.body);
      if (refused) throw new ApiProblem(400, 'validation-failed', 'Decision not allowed', refused, [{ field: '/decision', message: refused }]);
      await requireWorkable(prisma, moderator, row, app.caseSubjects);
      await claimCase(prisma, moderator, row, claimSeconds);
      try {
        // A worker must take the update; if none does in time the moderator is told to retry
        // (the workflow's validator refuses a second decision, so a retry is safe).
        await withTemporalDeadline(
          temporal,
          () => temporal.workflow.getHandle(row.workflowId).executeUpdate(decideCaseUpdate, { args: [{ decision: request.body.decision, moderatorId: moderator.id, note: request.body.note }] }),
          UPDATE_DEADLINE_MS,
        );
      } catch (error) {
        if (error instanceof WorkflowUpdateFailedError) {
          throw new ApiProblem(409, 'case-not-awaiting-decision', 'The case cannot take a decision now', error.cause?.message ?? error.message);
        }
        // a batch opens its cases with their verdicts and starts their workflows right after
        if (error instanceof WorkflowNotFoundError) {
          throw new ApiProblem(409, 'case-not-awaiting-decision', 'The case cannot take a decision yet', 'Its review is still being started; try again in a moment.');
        }
        throw temporalUnavailable(error);
      }
      await audit(request, moderator, 'case.decided', row, { decision: request.body.decision, subjectType: row.subjectType, subjectId: row.subjectId });
      request.log.info({ caseId: row.id, decision: request.body.decision, moderatorId: moderator.id }, 'case decided');
      return { caseId: row.id, decision: request.body.decision, accepted: true };
    },
  );
};
