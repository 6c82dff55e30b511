/**
 * Appeals (DSA Art. 20): `POST /v1/appeals` by the party a restriction restricts, on a decision
 * that has a statement of reasons, within its appeal window, once per decision; `GET
 * /v1/appeals/:id` answers how it stands. Each is a case a moderator decides (not the one who took
 * the decision appealed); an overturning decision undoes the restriction, withdraws its strike and
 * sends `appeal.completed` (core/appeal.ts, workflows/appeal.ts).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Client } from '@temporalio/client';
import { Type } from '@sinclair/typebox';
import type pg from 'pg';
import { APPEAL_POLICY_KEY, appealCapability, appealCases, presentAppeal } from '../../../core/appeal.ts';
import type { Config } from '../../../core/config.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { webhookRetrySettings } from '../../../core/webhookRetry.ts';
import { workflowStart } from '../../../core/workflowStarts.ts';
import { storeWithWorkflowStart } from '../../../core/workflowStartWrites.ts';
import type { appeal } from '../../../workflows/appeal.ts';
import { appealWorkflowId } from '../../../workflows/names.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { isUniqueViolation } from '../../prismaErrors.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { reconciledOnRead } from '../../reconcileOnRead.ts';
import { appealCaseSubject } from './caseSubject.ts';
import { AppealAccepted, AppealSubmission, AppealView } from './schemas.ts';

interface AppealDependencies {
  prisma: PrismaClient;
  pool: Pick<pg.Pool, 'query'>;
  temporal: Client;
  config: Config;
}

/** Where a decision of an appeal goes next: outside the marketplace (Art. 21), not to another appeal. */
const OUT_OF_COURT =
  'An appeal’s decision is not appealed again here: the party may refer it to an out-of-court dispute settlement body certified under DSA Art. 21, or to a court.';

export const appealRoutes: FastifyPluginAsyncTypebox<AppealDependencies> = async (app, deps) => {
  const { prisma, config } = deps;
  app.caseSubjects.register(appealCaseSubject(prisma));
  app.policyKeys.register({ key: APPEAL_POLICY_KEY });
  const tags = ['appeals'];
  const security = [{ apiKey: [] }];

  app.post(
    '/v1/appeals',
    {
      onRequest: app.requireApiKey,
      config: { idempotent: true },
      schema: {
        summary: 'Appeal a restriction',
        description:
          'Requires an Idempotency-Key. The party a decision restricts (its statement of reasons names them) appeals it within the statement’s `redress.appealUntil`. ' +
          'A moderator other than the one who took the decision decides it; the outcome arrives by the `appeal.completed` webhook and at the URL. ' +
          'One appeal per decision; an appeal’s own decision is not appealed here (409 `appeal-of-appeal`).',
        tags,
        security,
        body: AppealSubmission,
        response: { 202: AppealAccepted, ...problemResponses(400, 401, 403, 404, 409, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const { tenantId } = tenantOf(request);
      const { subjectType, subjectId, appellant, statement } = request.body;
      if (subjectType === appealCases.subjectType) throw new ApiProblem(409, 'appeal-of-appeal', 'An appeal’s decision cannot be appealed here', OUT_OF_COURT);
      const decision = await prisma.statementOfReasons.findFirst({ where: { tenantId, subjectType, subjectId, overturnedAt: null }, orderBy: { createdAt: 'desc' } });
      if (!decision) {
        throw new ApiProblem(404, 'decision-not-found', 'No decision to appeal', `No restriction of ${subjectType} ${subjectId} has a statement of reasons to appeal.`);
      }
      if (decision.affectedPartyType !== appellant.type || decision.affectedPartyId !== appellant.id) {
        throw new ApiProblem(403, 'not-affected-party', 'Not the party the decision restricts', 'Only the party the decision restricts may appeal it.');
      }
      if (decision.appealUntil.getTime() < Date.now()) {
        throw new ApiProblem(409, 'appeal-window-closed', 'The appeal window has closed', `Appeals of this decision were open until ${decision.appealUntil.toISOString()}.`);
      }
      const earlier = await prisma.appeal.findUnique({ where: { statementId: decision.id }, select: { id: true, status: true } });
      if (earlier) throw alreadyAppealed(config.API_PUBLIC_URL, earlier);
      const original = decision.caseId ? await prisma.decision.findUnique({ where: { caseId: decision.caseId }, select: { moderatorId: true } }) : null;

      const id = randomUUID();
      const workflowId = appealWorkflowId(id);
      const start = workflowStart<typeof appeal>('appeal', {
        workflowId,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        args: [{ appealId: id, tenantId, caseSlaSeconds: config.CASE_SLA_SECONDS, webhook: webhookRetrySettings(config) }],
      });
      try {
        await storeWithWorkflowStart(prisma, app.workflowStarts, start, async (tx) => {
          await tx.appeal.create({
            data: {
              id,
              tenantId,
              statementId: decision.id,
              subjectType,
              subjectId,
              appellantType: appellant.type,
              appellantId: appellant.id,
              statement,
              originalDeciderId: original?.moderatorId ?? null,
              workflowId,
            },
          });
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // another appeal of the same decision was stored first
        const stored = await prisma.appeal.findUnique({ where: { statementId: decision.id }, select: { id: true, status: true } });
        throw stored ? alreadyAppealed(config.API_PUBLIC_URL, stored) : error;
      }
      reply.header('location', `/v1/appeals/${id}`);
      return reply.code(202).send({ id, status: 'received', url: `${config.API_PUBLIC_URL}/v1/appeals/${id}` });
    },
  );

  app.get(
    '/v1/appeals/:id',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'An appeal: the decision appealed, and the moderator’s outcome once given',
        tags,
        security,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: AppealView, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      const found = await presentAppeal(prisma, request.params.id, tenantId);
      if (!found) throw new ApiProblem(404, 'not-found', 'Not found', `No appeal ${request.params.id}`);
      if (!(await reconciledOnRead(deps, request, appealCapability, found.view.id))) return found.view;
      return (await presentAppeal(prisma, found.view.id, tenantId))?.view ?? found.view;
    },
  );
};

function alreadyAppealed(publicUrl: string, earlier: { id: string; status: string }): ApiProblem {
  if (earlier.status === 'completed') return new ApiProblem(409, 'appeal-already-decided', 'This decision was appealed already', `Appeal ${earlier.id} decided it. ${OUT_OF_COURT}`);
  return new ApiProblem(409, 'appeal-already-open', 'This decision is already under appeal', `Appeal ${earlier.id} is open: ${publicUrl}/v1/appeals/${earlier.id}`);
}
