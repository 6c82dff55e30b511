/**
 * A seller's or creator's enforcement record (DSA Art. 23): their strikes (what each was for, its
 * weight, when it expires, whether it was withdrawn), the active ones weighed, and the standing the
 * `enforcement` policy gives that weight (core/enforcement.ts). `GET /v1/sellers/:sellerId/record`
 * and `GET /v1/creators/:creatorId/record`, within the marketplace's own data.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { PrismaClient } from '../../../core/database.ts';
import { ENFORCEMENT_POLICY_KEY, enforcementParametersOf, recordSignals, shippedEnforcementPolicy, type Standing } from '../../../core/enforcement.ts';
import { policyInForceSql } from '../../../core/policies.ts';
import { prismaSql } from '../../../core/sql.ts';
import { evaluatePolicy, type PolicyRules } from '../../../workers/policy/policy.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { problemResponses } from '../../problem.ts';
import { SellerId } from '../seller-vettings/schemas.ts';

/** Strikes a record lists at most, newest first (the counts are exact whatever their number). */
export const RECORD_MAX_LISTED = 100;

const StrikeView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  measure: Type.String({ description: 'what the restriction was: listing_removed, post_labelled, post_removed, counterfeit_confirmed' }),
  weight: Type.Number(),
  subject: Type.Object({ type: Type.String(), id: Type.String({ format: 'uuid' }) }),
  statementOfReasonsId: Type.String({ format: 'uuid' }),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  withdrawnAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  withdrawnReason: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean({ description: 'counts now: neither expired nor withdrawn' }),
});

export const RecordView = Type.Object({
  party: Type.Object({ type: Type.String({ description: 'seller or creator' }), id: Type.String() }),
  standing: Type.Union([Type.Literal('good_standing'), Type.Literal('warning'), Type.Literal('suspension_review')], { description: 'what the enforcement policy makes of the active strikes' }),
  policy: Type.Object({ key: Type.String(), version: Type.Integer() }),
  reasons: Type.Array(Type.Object({ code: Type.String(), summary: Type.String() })),
  activeStrikes: Type.Object({ count: Type.Integer(), weight: Type.Number() }),
  strikes: Type.Array(StrikeView, { description: 'newest first, at most 100' }),
});
type RecordView = Static<typeof RecordView>;

/** A party's record as of `now`. */
export async function enforcementRecord(prisma: PrismaClient, tenantId: string, party: { type: string; id: string }, now: Date): Promise<RecordView> {
  const scope = { tenantId, partyType: party.type, partyId: party.id };
  const activeWhere = { ...scope, withdrawnAt: null, expiresAt: { gt: now } };
  const [active, rows, policy] = await Promise.all([
    prisma.strike.aggregate({ where: activeWhere, _count: { _all: true }, _sum: { weight: true } }),
    prisma.strike.findMany({ where: scope, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: RECORD_MAX_LISTED }),
    policyInForceSql(prismaSql(prisma), ENFORCEMENT_POLICY_KEY, shippedEnforcementPolicy),
  ]);
  const weighed = { count: active._count._all, weight: active._sum.weight ?? 0 };
  const verdict = evaluatePolicy(policy.rules as PolicyRules, recordSignals(weighed, enforcementParametersOf(policy.rules)));
  return {
    party,
    standing: verdict.outcome as Standing,
    policy: { key: policy.key, version: policy.version },
    reasons: verdict.reasons.map((reason) => ({ code: reason.code, summary: reason.summary })),
    activeStrikes: weighed,
    strikes: rows.map((row) => ({
      id: row.id,
      measure: row.measure,
      weight: row.weight,
      subject: { type: row.subjectType, id: row.subjectId },
      statementOfReasonsId: row.statementId,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
      withdrawnReason: row.withdrawnReason,
      active: row.withdrawnAt === null && row.expiresAt > now,
    })),
  };
}

export const enforcementRecordRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  for (const { type, path, param, summary } of [
    { type: 'seller', path: '/v1/sellers/:sellerId/record', param: 'sellerId', summary: 'A seller’s enforcement record: strikes and standing' },
    { type: 'creator', path: '/v1/creators/:creatorId/record', param: 'creatorId', summary: 'A creator’s enforcement record: strikes and standing' },
  ] as const) {
    app.get(
      path,
      {
        onRequest: app.requireApiKey,
        schema: {
          summary,
          description: 'Every strike (newest first, at most 100), the active ones weighed, and the standing the enforcement policy gives them. A party with none answers good standing.',
          tags: ['enforcement'],
          security: [{ apiKey: [] }],
          params: Type.Object({ [param]: SellerId }),
          response: { 200: RecordView, ...problemResponses(400, 401, 429) },
        },
      },
      async (request) => {
        const id = (request.params as Record<string, string>)[param]!;
        return await enforcementRecord(prisma, tenantOf(request).tenantId, { type, id }, new Date());
      },
    );
  }
};
