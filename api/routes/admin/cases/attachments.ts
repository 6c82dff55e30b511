import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { appendAudit } from '../../../../core/audit.ts';
import type { PrismaClient } from '../../../../core/database.ts';
import { moderatorOf } from '../../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../../problem.ts';
import { caseVisibleTo, consoleActor } from './access.ts';

/**
 * Files a capability lets moderators open from a case (an identity document photo): decrypted
 * only for an authorised moderator, never cached by the browser, and every view recorded.
 */
export const caseAttachmentRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  app.get(
    '/admin/v1/cases/:id/attachments/:name',
    {
      schema: {
        summary: 'Open a file of the case (e.g. `document`); the view is recorded in the audit log',
        tags: ['console: cases'],
        security: [{ session: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String({ pattern: '^[a-z][a-z0-9_-]{0,31}$' }) }),
        response: { ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const moderator = moderatorOf(request);
      const row = await caseVisibleTo(prisma, moderator, request.params.id);
      const open = app.caseSubjects.get(row.subjectType)?.attachments?.[request.params.name];
      const file = open ? await open(row.subjectId) : null;
      if (!file) throw new ApiProblem(404, 'not-found', 'Not found', `This case has no ${request.params.name} (it may have been erased).`);
      await appendAudit(prisma, {
        actor: consoleActor(moderator),
        action: file.auditAction,
        objectType: row.subjectType,
        objectId: row.subjectId,
        tenantId: row.tenantId,
        detail: { caseId: row.id, attachment: request.params.name },
        ipAddress: request.ip,
      });
      return reply
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        .type(file.contentType)
        .send(file.body);
    },
  );
};
