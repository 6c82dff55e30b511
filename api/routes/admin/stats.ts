import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { PrismaClient } from '../../../core/database.ts';
import { Prisma } from '../../../prisma/generated/client.ts';
import { tenantWhere } from '../../auth/marketplaceScope.ts';
import { moderatorOf } from '../../plugins/authentication.ts';
import { problemResponses } from '../../problem.ts';

const DAYS = 14;

const Stats = Type.Object({
  openCases: Type.Integer(),
  overdueCases: Type.Integer(),
  openBySubjectType: Type.Array(Type.Object({ subjectType: Type.String(), open: Type.Integer(), overdue: Type.Integer() })),
  /** per day (UTC), the last 14 days: moderators' decisions, and verdicts the policy settled alone vs. those sent to a person */
  daily: Type.Array(Type.Object({ day: Type.String(), decisions: Type.Integer(), automatic: Type.Integer(), escalated: Type.Integer() })),
  medianSecondsToDecision: Type.Union([Type.Number(), Type.Null()]),
});

/** Dashboard figures, over the marketplaces the user works for. */
export const statsRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  app.get(
    '/admin/v1/stats',
    { schema: { summary: 'Dashboard figures: open and overdue cases, decisions per day, automatic vs manual verdicts, time to decision', tags: ['console: dashboard'], security: [{ session: [] }], response: { 200: Stats, ...problemResponses(401) } } },
    async (request) => {
      const moderator = moderatorOf(request);
      const scope = tenantWhere(moderator);
      const tenantSql = scope.tenantId ? Prisma.sql`AND tenant_id = ANY(${scope.tenantId.in}::uuid[])` : Prisma.empty;
      const now = new Date();
      const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (DAYS - 1)));
      const [bySubject, decisions, verdicts, median] = await Promise.all([
        prisma.$queryRaw<{ subject_type: string; open: bigint; overdue: bigint }[]>`
          SELECT subject_type, count(*) AS open, count(*) FILTER (WHERE sla_due_at <= ${now}) AS overdue
          FROM cases WHERE status = 'open' ${tenantSql} GROUP BY subject_type ORDER BY subject_type`,
        prisma.$queryRaw<{ day: string; n: bigint }[]>`
          SELECT to_char(decided_at, 'YYYY-MM-DD') AS day, count(*) AS n FROM cases
          WHERE status = 'decided' AND decided_at >= ${since} ${tenantSql} GROUP BY 1`,
        prisma.$queryRaw<{ day: string; automatic: bigint; escalated: bigint }[]>`
          SELECT to_char(created_at, 'YYYY-MM-DD') AS day, count(*) FILTER (WHERE outcome <> 'escalate') AS automatic,
                 count(*) FILTER (WHERE outcome = 'escalate') AS escalated
          FROM verdicts WHERE created_at >= ${since} ${tenantSql} GROUP BY 1`,
        prisma.$queryRaw<{ median: number | null }[]>`
          SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - created_at)) AS median
          FROM cases WHERE status = 'decided' AND decided_at >= ${since} ${tenantSql}`,
      ]);
      const daily = Array.from({ length: DAYS }, (_, index) => {
        const day = new Date(since.getTime() + index * 86_400_000).toISOString().slice(0, 10);
        const verdict = verdicts.find((row) => row.day === day);
        return { day, decisions: Number(decisions.find((row) => row.day === day)?.n ?? 0), automatic: Number(verdict?.automatic ?? 0), escalated: Number(verdict?.escalated ?? 0) };
      });
      const openBySubjectType = bySubject.map((row) => ({ subjectType: row.subject_type, open: Number(row.open), overdue: Number(row.overdue) }));
      return {
        openCases: openBySubjectType.reduce((sum, row) => sum + row.open, 0),
        overdueCases: openBySubjectType.reduce((sum, row) => sum + row.overdue, 0),
        openBySubjectType,
        daily,
        medianSecondsToDecision: median[0]?.median === null || median[0]?.median === undefined ? null : Number(median[0].median),
      };
    },
  );
};
