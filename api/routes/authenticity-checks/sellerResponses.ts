/**
 * The seller's answer to a check that leans counterfeit (`POST /v1/authenticity-checks/:id/seller-responses`),
 * sent by the marketplace within the window the policy opened: stored once per check, then the
 * check's workflow is signalled and the case opens without waiting for the rest of the window.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Config } from '../../../core/config.ts';
import type { PrismaClient } from '../../../core/database.ts';
import type { AuthenticitySellerResponse, Prisma } from '../../../prisma/generated/client.ts';
import { runningWorkflowSignal } from '../../../core/workflowStarts.ts';
import { storeWithWorkflowStart } from '../../../core/workflowStartWrites.ts';
import { sellerResponseSignal } from '../../../workflows/authenticityCheck.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { SellerResponseSubmission, SellerResponseView } from './schemas.ts';

export const presentSellerResponse = (row: { id: string; checkId: string; note: string | null; photos: Prisma.JsonValue; receivedAt: Date }) => ({
  id: row.id,
  checkId: row.checkId,
  note: row.note,
  photos: row.photos as { kind: string; url: string }[],
  receivedAt: row.receivedAt.toISOString(),
});

const windowClosed = (detail: string) => new ApiProblem(409, 'seller-response-window-closed', 'The seller’s window to answer is not open', detail);

export const sellerResponseRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient; config: Config }> = async (app, { prisma }) => {
  app.post(
    '/v1/authenticity-checks/:id/seller-responses',
    {
      onRequest: app.requireApiKey,
      config: { idempotent: true },
      schema: {
        summary: 'The seller’s answer to a check that leans counterfeit',
        description:
          'Requires an Idempotency-Key. Taken while the check is `awaiting_seller_response` and its `sellerWindow.closesAt` is ahead; ' +
          'one answer per check. Answers 201 with the stored answer; 409 `seller-response-window-closed` when no window is open ' +
          '(none was opened, it closed, or the seller answered already). The moderator sees the answer beside the buyer’s evidence.',
        tags: ['authenticity checks'],
        security: [{ apiKey: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: SellerResponseSubmission,
        response: { 201: SellerResponseView, ...problemResponses(400, 401, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const { tenantId } = tenantOf(request);
      const check = await prisma.authenticityCheck.findFirst({ where: { id: request.params.id, tenantId }, select: { id: true, workflowId: true } });
      if (!check) throw new ApiProblem(404, 'not-found', 'Not found', `No authenticity check ${request.params.id}`);
      const now = new Date();
      // the answer and the signal that tells the waiting workflow, in one transaction (the outbox sends it)
      const stored = await storeWithWorkflowStart<AuthenticitySellerResponse | 'answered' | null>(prisma, app.workflowStarts, (written) =>
        written && written !== 'answered' ? runningWorkflowSignal('authenticityCheck', { workflowId: check.workflowId, signal: { name: sellerResponseSignal.name, args: [{ responseId: written.id }] } }) : null,
      async (tx) => {
        // the row lock orders this against the workflow closing the window
        const [open] = await tx.$queryRaw<{ id: string; round: number }[]>`
          SELECT id, round FROM authenticity_checks
          WHERE id = ${check.id}::uuid AND status = 'awaiting_seller_response' AND seller_window_closes_at > ${now}
          FOR UPDATE`;
        if (!open) return null;
        // one answer per round: a reopened check's window takes a new one
        if ((await tx.authenticitySellerResponse.count({ where: { checkId: check.id, round: open.round } })) > 0) return 'answered' as const;
        return await tx.authenticitySellerResponse.create({
          data: { id: randomUUID(), tenantId, checkId: check.id, round: open.round, note: request.body.note ?? null, photos: (request.body.photos ?? []) as Prisma.InputJsonArray, receivedAt: now },
        });
      });
      if (stored === null) throw windowClosed(`Check ${check.id} is not waiting for the seller’s answer.`);
      if (stored === 'answered') throw windowClosed(`The seller answered check ${check.id} already.`);
      return reply.code(201).send(presentSellerResponse(stored));
    },
  );
};
