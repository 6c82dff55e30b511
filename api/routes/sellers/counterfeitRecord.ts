/**
 * A seller's confirmed counterfeits (`GET /v1/sellers/:sellerId/counterfeit-record`): counts over
 * the last 30 and 90 days, the checks behind them and their listings, within the marketplace's
 * own data. A counterfeit is confirmed by hard evidence or by a moderator (buyer authenticity checks).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { PrismaClient } from '../../../core/database.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { problemResponses } from '../../problem.ts';
import { CounterfeitRecordView } from '../authenticity-checks/schemas.ts';
import { SellerId } from '../seller-vettings/schemas.ts';

const DAY_MS = 86_400_000;
/** Counterfeits listed at most (the counts are exact whatever their number). */
export const COUNTERFEIT_RECORD_MAX_LISTED = 100;

export const counterfeitRecordRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  app.get(
    '/v1/sellers/:sellerId/counterfeit-record',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: 'A seller’s confirmed counterfeits',
        description: 'Counts of the last 30 and 90 days, the last 90 days’ counterfeits (newest first, at most 100) and their listings. A seller with none answers zeros.',
        tags: ['sellers'],
        security: [{ apiKey: [] }],
        params: Type.Object({ sellerId: SellerId }),
        response: { 200: CounterfeitRecordView, ...problemResponses(400, 401, 429) },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      const { sellerId } = request.params;
      const now = Date.now();
      const since = (days: number) => new Date(now - days * DAY_MS);
      const scope = { tenantId, sellerId };
      const [last30Days, last90Days, rows, listings] = await Promise.all([
        prisma.sellerCounterfeit.count({ where: { ...scope, confirmedAt: { gte: since(30) } } }),
        prisma.sellerCounterfeit.count({ where: { ...scope, confirmedAt: { gte: since(90) } } }),
        prisma.sellerCounterfeit.findMany({ where: { ...scope, confirmedAt: { gte: since(90) } }, orderBy: [{ confirmedAt: 'desc' }, { id: 'asc' }], take: COUNTERFEIT_RECORD_MAX_LISTED }),
        prisma.sellerCounterfeit.groupBy({ by: ['listingId'], where: { ...scope, confirmedAt: { gte: since(90) }, listingId: { not: null } }, _count: { _all: true }, orderBy: { listingId: 'asc' } }),
      ]);
      return {
        sellerId,
        last30Days,
        last90Days,
        listings: listings.map((row) => ({ listingId: row.listingId!, counterfeits: row._count._all })),
        counterfeits: rows.map((row) => ({ checkId: row.checkId, orderId: row.orderId, listingId: row.listingId, decidedBy: row.decidedBy, confirmedAt: row.confirmedAt.toISOString() })),
      };
    },
  );
};
