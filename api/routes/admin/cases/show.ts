import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { appendAudit } from '../../../../core/audit.ts';
import type { PrismaClient } from '../../../../core/database.ts';
import { presentAutomatedVerdict, presentSignal } from '../../../../core/verdictView.ts';
import { AutomatedVerdictView, SignalView } from '../../../verdictSchemas.ts';
import { moderatorOf } from '../../../plugins/authentication.ts';
import { problemResponses } from '../../../problem.ts';
import { caseVisibleTo, consoleActor, workProblem } from './access.ts';
import { sellerHistory, SellerHistoryView } from './sellerHistory.ts';
import { CaseView, marketplaceNames, presentCase } from './view.ts';

const CaseDetail = Type.Intersect([
  CaseView,
  Type.Object({
    decisions: Type.Array(Type.Object({ value: Type.String(), label: Type.String(), noteRequired: Type.Boolean(), destructive: Type.Boolean() })),
    /** whether the viewer may claim, escalate and decide it now, and if not why */
    work: Type.Object({ allowed: Type.Boolean(), code: Type.Union([Type.String(), Type.Null()]), reason: Type.Union([Type.String(), Type.Null()]) }),
    /** the policy's automated verdict, as `verdict.automated` of the subject's own view */
    verdict: Type.Union([AutomatedVerdictView, Type.Null()]),
    signals: Type.Array(SignalView),
    /** the capability's evidence for its console panel */
    subject: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
    attachments: Type.Array(Type.String()),
    seller: Type.Union([SellerHistoryView, Type.Null()]),
  }),
]);

export const caseShowRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  app.get(
    '/admin/v1/cases/:id',
    {
      schema: {
        summary: 'One case with everything needed to decide it: verdict, signals, the subject’s evidence and the seller’s history',
        tags: ['console: cases'],
        security: [{ session: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: CaseDetail, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const moderator = moderatorOf(request);
      const row = await caseVisibleTo(prisma, moderator, request.params.id);
      const registration = app.caseSubjects.get(row.subjectType);
      const subject = { subjectType: row.subjectType, subjectId: row.subjectId };
      const [verdict, signals, names, problem] = await Promise.all([
        prisma.verdictRecord.findUnique({ where: { subjectType_subjectId: subject } }),
        prisma.signalRecord.findMany({ where: subject, orderBy: { createdAt: 'asc' } }),
        marketplaceNames(prisma, [row.tenantId]),
        workProblem(prisma, moderator, row, app.caseSubjects),
      ]);
      const audit = (action: string, detail: Record<string, unknown>) =>
        appendAudit(prisma, { actor: consoleActor(moderator), action, objectType: row.subjectType, objectId: row.subjectId, tenantId: row.tenantId, detail: { caseId: row.id, ...detail }, ipAddress: request.ip });
      return {
        ...presentCase(row, app.caseSubjects, names),
        decisions: (registration?.definition.decisions ?? []).map((option) => ({ ...option, destructive: option.destructive ?? false })),
        work: { allowed: problem === null, code: problem?.code ?? null, reason: problem?.detail ?? null },
        verdict: verdict && presentAutomatedVerdict(verdict),
        signals: signals.map(presentSignal),
        subject: registration ? await registration.present(row.subjectId, { tenantId: row.tenantId, viewer: moderator, audit }) : null,
        attachments: Object.keys(registration?.attachments ?? {}),
        seller: row.sellerId ? await sellerHistory(prisma, app.caseSubjects, row.sellerId, row.id) : null,
      };
    },
  );
};
