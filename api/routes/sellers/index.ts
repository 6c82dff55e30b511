import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { PrismaClient } from '../../../core/database.ts';
import { tenantOf } from '../../plugins/authentication.ts';
import { UNFINISHED_VETTING_STATUSES } from '../../../core/sellerVetting.ts';
import { ApiProblem, problemResponses } from '../../problem.ts';
import { sellerBanRoutes } from './ban.ts';
import { counterfeitRecordRoutes } from './counterfeitRecord.ts';
import { SellerId } from '../seller-vettings/schemas.ts';

/**
 * Erasure of a seller's personal data on request: identity-document images, the declared data
 * and the document number go; ids, signals (which hold no personal data), verdicts and
 * decisions stay for the audit trail. A banned seller's keyed identifier hashes are kept, so the
 * same person cannot return under a new account unnoticed (fraud prevention); for other sellers
 * they are deleted too.
 */
export const sellerRoutes: FastifyPluginAsyncTypebox<{ prisma: PrismaClient }> = async (app, { prisma }) => {
  await app.register(sellerBanRoutes, { prisma });
  await app.register(counterfeitRecordRoutes, { prisma });
  app.delete(
    '/v1/sellers/:sellerId/personal-data',
    {
      onRequest: app.requireApiKey,
      schema: {
        summary: "Erase a seller's personal data",
        tags: ['sellers'],
        security: [{ apiKey: [] }],
        params: Type.Object({ sellerId: SellerId }),
        response: {
          200: Type.Object({ sellerId: Type.String(), erasedAt: Type.String({ format: 'date-time' }), vettings: Type.Integer(), identifierHashesKept: Type.Boolean() }),
          ...problemResponses(400, 401, 404, 409, 429),
        },
      },
    },
    async (request) => {
      const { tenantId } = tenantOf(request);
      const seller = await prisma.seller.findUnique({ where: { tenantId_externalId: { tenantId, externalId: request.params.sellerId } } });
      if (!seller) throw new ApiProblem(404, 'not-found', 'Not found', `No seller ${request.params.sellerId}`);
      const running = await prisma.sellerVetting.count({ where: { sellerId: seller.id, status: { in: [...UNFINISHED_VETTING_STATUSES] } } });
      if (running > 0) throw new ApiProblem(409, 'vetting-in-progress', 'A vetting is still running', 'Erase the data once the running vetting has finished.');
      const keepHashes = seller.status === 'banned';
      const erasedAt = new Date();
      const [, vettings] = await prisma.$transaction([
        prisma.vettingDocument.deleteMany({ where: { vetting: { sellerId: seller.id } } }),
        prisma.sellerVetting.updateMany({
          where: { sellerId: seller.id },
          data: { declaredData: new Uint8Array(0), documentNumberCiphertext: null, documentNumberHash: null, documentReading: null },
        }),
        prisma.seller.update({ where: { id: seller.id }, data: { erasedAt } }),
        ...(keepHashes ? [] : [prisma.sellerIdentifier.deleteMany({ where: { sellerId: seller.id } })]),
      ]);
      request.log.info({ sellerId: seller.id, vettings: vettings.count }, 'personal data erased');
      return { sellerId: seller.externalId, erasedAt: erasedAt.toISOString(), vettings: vettings.count, identifierHashesKept: keepHashes };
    },
  );
};
