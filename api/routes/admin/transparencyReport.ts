/**
 * The transparency figures (DSA Art. 15 and 24) over a period, from the statements of reasons and
 * strikes every capability writes: restrictions by capability, measure, ground, category,
 * automation, source and who decided; strikes issued and withdrawn; how the submission to the
 * Transparency Database stands; appeals received and decided, upheld and overturned, and their
 * median time to decision. Over the marketplaces the console user works for (one, with
 * `tenantId`); as JSON, or as CSV (`format=csv`) with one `section,dimension,value,count` row per
 * figure. Notices and suspensions have no figures until they are built.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { PrismaClient } from '../../../core/database.ts';
import { Prisma } from '../../../prisma/generated/client.ts';
import { canSeeTenant, tenantWhere } from '../../auth/marketplaceScope.ts';
import { moderatorOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';

/** The longest period one report covers. */
export const REPORT_MAX_DAYS = 731;
const DAY_MS = 86_400_000;
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a day, YYYY-MM-DD (UTC)' });
const Counts = Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() }));

const Report = Type.Object({
  from: Type.String({ description: 'first day counted' }),
  to: Type.String({ description: 'last day counted' }),
  restrictions: Type.Object(
    {
      total: Type.Integer(),
      byCapability: Counts,
      byMeasure: Counts,
      byGround: Counts,
      byCategory: Counts,
      byAutomatedDecision: Counts,
      bySource: Counts,
      byDecidedBy: Counts,
    },
    { description: 'statements of reasons applied in the period' },
  ),
  strikes: Type.Object({ issued: Type.Integer(), withdrawn: Type.Integer(), parties: Type.Integer({ description: 'sellers and creators with a strike issued in the period' }) }),
  transparencyDatabase: Type.Object({ pending: Type.Integer(), accepted: Type.Integer(), refused: Type.Integer() }, { description: 'the period’s statements by export status' }),
  appeals: Type.Object({
    received: Type.Integer(),
    decided: Type.Integer({ description: 'decided in the period' }),
    upheld: Type.Integer(),
    overturned: Type.Integer(),
    medianSecondsToDecision: Type.Union([Type.Number(), Type.Null()], { description: 'of the appeals decided in the period' }),
  }),
});
type Report = Static<typeof Report>;

const DIMENSIONS = {
  byCapability: 'subjectType',
  byMeasure: 'measure',
  byGround: 'decisionGround',
  byCategory: 'category',
  byAutomatedDecision: 'automatedDecision',
  bySource: 'sourceType',
  byDecidedBy: 'decidedBy',
} as const;

/** The report as CSV: one row per figure. */
export function reportCsv(report: Report): string {
  const rows: (string | number)[][] = [['section', 'dimension', 'value', 'count']];
  rows.push(['period', 'from', report.from, ''], ['period', 'to', report.to, ''], ['restrictions', 'total', '', report.restrictions.total]);
  for (const dimension of Object.keys(DIMENSIONS) as (keyof typeof DIMENSIONS)[]) {
    for (const { value, count } of report.restrictions[dimension]) rows.push(['restrictions', dimension, value, count]);
  }
  for (const [name, count] of Object.entries(report.strikes)) rows.push(['strikes', name, '', count]);
  for (const [name, count] of Object.entries(report.transparencyDatabase)) rows.push(['transparencyDatabase', name, '', count]);
  for (const [name, count] of Object.entries(report.appeals)) rows.push(['appeals', name, '', count ?? '']);
  // values are codes and days; quoted anyway, so a comma or quote in one can never shift a column
  const cell = (value: string | number) => (typeof value === 'number' ? String(value) : `"${value.replaceAll('"', '""')}"`);
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

export const transparencyReportRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  app.get(
    '/admin/v1/transparency-report',
    {
      schema: {
        summary: 'Transparency figures over a period: restrictions by capability, measure, ground, category and automation; strikes; the export',
        tags: ['console: enforcement'],
        security: [{ session: [] }],
        querystring: Type.Object(
          { from: Day, to: Day, tenantId: Type.Optional(Type.String({ format: 'uuid' })), format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Union([Report, Type.String({ description: 'text/csv with format=csv' })]), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const moderator = moderatorOf(request);
      const { from, to, tenantId, format } = request.query;
      const start = new Date(`${from}T00:00:00Z`);
      const end = new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS);
      const bad = (message: string) => new ApiProblem(400, 'validation-failed', 'Bad period', message, [{ field: 'querystring/to', message }]);
      if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) throw bad('from and to must be days of the calendar');
      if (end <= start) throw bad('to must not be before from');
      if ((end.getTime() - start.getTime()) / DAY_MS > REPORT_MAX_DAYS) throw bad(`a report covers at most ${REPORT_MAX_DAYS} days`);
      if (tenantId !== undefined && !canSeeTenant(moderator, tenantId)) throw new ApiProblem(403, 'forbidden', 'Forbidden', 'not a marketplace you work for');
      const scope = tenantId !== undefined ? { tenantId } : tenantWhere(moderator);
      const inPeriod = { ...scope, appliedAt: { gte: start, lt: end } };

      const decidedInPeriod = { ...scope, status: 'completed', completedAt: { gte: start, lt: end } };
      const [appealsReceived, appealsDecided, decidedAppeals] = await Promise.all([
        prisma.appeal.count({ where: { ...scope, createdAt: { gte: start, lt: end } } }),
        prisma.appeal.groupBy({ by: ['outcome'], where: decidedInPeriod, _count: { _all: true } }),
        // the median as the dashboard computes its cases' (percentile_cont)
        prisma.$queryRaw<{ median: number | null }[]>`
          SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - created_at)) AS median FROM appeals
          WHERE status = 'completed' AND completed_at >= ${start} AND completed_at < ${end}
            ${scope.tenantId === undefined ? Prisma.empty : typeof scope.tenantId === 'string' ? Prisma.sql`AND tenant_id = ${scope.tenantId}::uuid` : Prisma.sql`AND tenant_id = ANY(${scope.tenantId.in}::uuid[])`}`,
      ]);
      const [total, exportCounts, strikesIssued, strikesWithdrawn, parties, ...dimensions] = await Promise.all([
        prisma.statementOfReasons.count({ where: inPeriod }),
        prisma.statementOfReasons.groupBy({ by: ['exportStatus'], where: inPeriod, _count: { _all: true } }),
        prisma.strike.count({ where: { ...scope, createdAt: { gte: start, lt: end } } }),
        prisma.strike.count({ where: { ...scope, withdrawnAt: { gte: start, lt: end } } }),
        prisma.strike.groupBy({ by: ['tenantId', 'partyType', 'partyId'], where: { ...scope, createdAt: { gte: start, lt: end } } }),
        ...Object.values(DIMENSIONS).map((column) => prisma.statementOfReasons.groupBy({ by: [column], where: inPeriod, _count: { _all: true } })),
      ]);
      const counted = (rows: { _count: { _all: number } }[], column: string) =>
        rows.map((row) => ({ value: String((row as unknown as Record<string, unknown>)[column]), count: row._count._all })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
      const exportCount = (status: string) => exportCounts.find((row) => row.exportStatus === status)?._count._all ?? 0;
      const restrictions = { total } as Report['restrictions'];
      (Object.keys(DIMENSIONS) as (keyof typeof DIMENSIONS)[]).forEach((dimension, index) => {
        restrictions[dimension] = counted(dimensions[index]!, DIMENSIONS[dimension]);
      });
      const report: Report = {
        from,
        to,
        restrictions,
        strikes: { issued: strikesIssued, withdrawn: strikesWithdrawn, parties: parties.length },
        transparencyDatabase: { pending: exportCount('pending'), accepted: exportCount('accepted'), refused: exportCount('refused') },
        appeals: {
          received: appealsReceived,
          decided: appealsDecided.reduce((sum, row) => sum + row._count._all, 0),
          upheld: appealsDecided.find((row) => row.outcome === 'upheld')?._count._all ?? 0,
          overturned: appealsDecided.find((row) => row.outcome === 'overturned')?._count._all ?? 0,
          medianSecondsToDecision: decidedAppeals[0]?.median === null || decidedAppeals[0]?.median === undefined ? null : Number(decidedAppeals[0].median),
        },
      };
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="transparency-report-${from}-${to}.csv"`)
          .send(reportCsv(report));
      }
      return report;
    },
  );
};
