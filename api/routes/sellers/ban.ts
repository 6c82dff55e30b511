import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { PrismaClient } from '../../../core/database.ts';
import type { Seller } from '../../../prisma/generated/client.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';

const Params = Type.Object({ sellerId: Type.String({ minLength: 1, maxLength: 128 }) });
const ReasonBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000, description: 'why, for the audit trail (no personal data)' }) }, { additionalProperties: false });

const SellerBan = Type.Object(
  {
    sellerId: Type.String(),
    status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('banned')]),
    ban: Type.Union([
      Type.Object({
        reason: Type.Union([Type.String(), Type.Null()]),
        bannedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
        liftedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
        liftReason: Type.Union([Type.String(), Type.Null()]),
      }),
      Type.Null(),
    ], { description: 'the current or last ban; null if the seller was never banned' }),
  },
  { $id: 'SellerBan' },
);

function present(seller: Seller) {
  return {
    sellerId: seller.externalId,
    status: seller.status,
    ban: seller.bannedAt
      ? { reason: seller.bannedReason, bannedAt: seller.bannedAt.toISOString(), liftedAt: seller.banLiftedAt?.toISOString() ?? null, liftReason: seller.banLiftedReason }
      : null,
  };
}

/**
 * A marketplace bans a seller it knows (one that was vetted through its key) and may lift the
 * ban. A banned seller's identifier hashes are kept through erasure, and a new signup sharing one
 * of them is rejected or escalated (`linked.banned_account`). Both are POSTs with an
 * Idempotency-Key; the ban records the key that made it, why and when.
 */
export const sellerBanRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  const tags = ['sellers'];
  const findSeller = async (tenantId: string, sellerId: string) => {
    const seller = await prisma.seller.findUnique({ where: { tenantId_externalId: { tenantId, externalId: sellerId } } });
    if (!seller) throw new ApiProblem(404, 'not-found', 'Not found', `No seller ${sellerId}`);
    return seller;
  };

  app.post(
    '/v1/sellers/:sellerId/ban',
    {
      onRequest: app.requireApiKey,
      config: { idempotent: true },
      schema: {
        summary: 'Ban a seller',
        description: 'Marks the seller banned. Later signups sharing its document number, email, phone, payout account or device are flagged `linked.banned_account`. Banning a banned seller changes nothing. Requires an Idempotency-Key.',
        tags,
        security: [{ apiKey: [] }],
        params: Params,
        body: ReasonBody,
        response: { 200: SellerBan, ...problemResponses(400, 401, 404, 409, 422) },
      },
    },
    async (request) => {
      const { tenantId, apiKeyId } = tenantOf(request);
      const seller = await findSeller(tenantId, request.params.sellerId);
      if (seller.status === 'banned') return present(seller);
      const banned = await prisma.seller.update({
        where: { id: seller.id },
        data: { status: 'banned', bannedAt: new Date(), bannedReason: request.body.reason, bannedBy: apiKeyId, banLiftedAt: null, banLiftedBy: null, banLiftedReason: null },
      });
      request.log.info({ sellerId: seller.id }, 'seller banned');
      return present(banned);
    },
  );

  app.post(
    '/v1/sellers/:sellerId/unban',
    {
      onRequest: app.requireApiKey,
      config: { idempotent: true },
      schema: {
        summary: 'Lift a seller ban',
        description:
          "The seller's status returns to what its last finished vetting decided (approved, rejected, or pending). If its personal data was erased, " +
          'the identifier hashes kept because of the ban are deleted now. Answers 409 if the seller is not banned. Requires an Idempotency-Key.',
        tags,
        security: [{ apiKey: [] }],
        params: Params,
        body: ReasonBody,
        response: { 200: SellerBan, ...problemResponses(400, 401, 404, 409, 422) },
      },
    },
    async (request) => {
      const { tenantId, apiKeyId } = tenantOf(request);
      const seller = await findSeller(tenantId, request.params.sellerId);
      if (seller.status !== 'banned') throw new ApiProblem(409, 'seller-not-banned', 'The seller is not banned', `Seller ${seller.externalId} has no ban to lift.`);
      const last = await prisma.sellerVetting.findFirst({ where: { sellerId: seller.id, status: 'completed' }, orderBy: { completedAt: 'desc' }, select: { finalOutcome: true } });
      const status = last?.finalOutcome === 'approve' ? 'approved' : last?.finalOutcome === 'reject' ? 'rejected' : 'pending';
      const [lifted] = await prisma.$transaction([
        prisma.seller.update({ where: { id: seller.id }, data: { status, banLiftedAt: new Date(), banLiftedBy: apiKeyId, banLiftedReason: request.body.reason } }),
        // the hashes outlived an erasure only because of the ban
        ...(seller.erasedAt ? [prisma.sellerIdentifier.deleteMany({ where: { sellerId: seller.id } })] : []),
      ]);
      request.log.info({ sellerId: seller.id }, 'seller ban lifted');
      return present(lifted);
    },
  );
};
