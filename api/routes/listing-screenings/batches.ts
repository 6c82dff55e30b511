/**
 * Listing batches on the batch path (api/batches.ts): `POST /v1/listing-screening-batches`, one
 * listing per line as `POST /v1/listing-screenings` takes it. The accepted listings are stored at
 * once (positions are their upload lines) and screened by the batch workflow in chunks of
 * LISTING_BATCH_CHUNK_SIZE, LISTING_BATCH_CHUNKS_IN_FLIGHT at a time. Progress and paged results
 * at the batch's URL.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { LISTING_LIMITS, LISTING_SCREENING_BATCH_COMPLETED_EVENT, listingScreeningCases } from '../../../core/listingScreening.ts';
import { batchViewBase, registerBatchRoutes } from '../../batches.ts';
import { presentScreenings } from './present.ts';
import { BatchView, ListingScreeningView, ListingSubmission } from './schemas.ts';
import { sql } from '../../../core/sql.ts';
import { imageRows, imagesWrite, listingRow, workflowInput, type ListingScreeningDependencies } from './submit.ts';

/** A batch body: up to LISTING_LIMITS.batchMaxListings lines of a few kilobytes each. */
export const BATCH_BODY_MAX_BYTES = 32 * 1024 * 1024;

export const listingBatchRoutes: FastifyPluginAsyncTypebox<ListingScreeningDependencies> = async (app, deps) => {
  const { prisma, config } = deps;
  registerBatchRoutes<ListingSubmission>(app, deps, {
    subjectType: listingScreeningCases.subjectType,
    path: '/v1/listing-screening-batches',
    tags: ['listing screening'],
    noun: 'listing',
    lineSchema: ListingSubmission,
    maxLines: LISTING_LIMITS.batchMaxListings,
    maxBytes: BATCH_BODY_MAX_BYTES,
    async store(_db, { batchId, tenantId, lines }) {
      const part = lines.map((entry) => ({ ...entry, id: randomUUID() }));
      // the rows as one JSON parameter (createMany took about a millisecond a row)
      const rows = part.map(({ id, line, value }) => {
        const row = listingRow(value);
        return { id, listing_id: row.listingId, seller_external_id: row.sellerExternalId, title: row.title, description: row.description, price_amount: row.priceAmount, price_currency: row.priceCurrency, claimed_brand: row.claimedBrand, category: row.category, batch_line: line };
      });
      const writes = [
        sql(
          `INSERT INTO listing_screenings (id, tenant_id, listing_id, seller_external_id, title, description, price_amount, price_currency, claimed_brand, category, batch_id, batch_line, trigger)
           SELECT row.id, $1::uuid, row.listing_id, row.seller_external_id, row.title, row.description, row.price_amount, row.price_currency, row.claimed_brand, row.category, $2::uuid, row.batch_line, 'batch'
           FROM jsonb_to_recordset($3::jsonb)
             AS row(id uuid, listing_id text, seller_external_id text, title text, description text, price_amount numeric, price_currency text, claimed_brand text, category text, batch_line integer)`,
          [tenantId, batchId, JSON.stringify(rows)],
        ),
      ];
      const images = part.flatMap(({ id, value }) => imageRows(value.images, tenantId).map((image) => ({ ...image, screeningId: id })));
      if (images.length > 0) writes.push(imagesWrite(tenantId, images));
      // positions are upload lines: the results page and the ranges read the same numbers
      return { writes, lastPosition: lines.at(-1)!.line, refused: [] };
    },
    chunking: () => ({ chunkSize: config.LISTING_BATCH_CHUNK_SIZE, chunksInFlight: config.LISTING_BATCH_CHUNKS_IN_FLIGHT }),
    // escalations are screened already; their review steps run on the bulk queue too
    review: (_config, tenantId) => ({ workflowType: 'listingScreening', settings: { ...workflowInput(config, '', tenantId, { bulk: true }) } }),
    completedEvent: LISTING_SCREENING_BATCH_COMPLETED_EVENT,
    view: {
      schema: BatchView,
      present: async (batch, urls) => batchViewBase(batch, urls),
    },
    results: {
      itemSchema: Type.Intersect([Type.Object({ line: Type.Integer() }), ListingScreeningView]),
      async page(batch, after, take) {
        const where = { batchId: batch.id, tenantId: batch.tenantId, batchLine: { gt: after } };
        const page = await presentScreenings(prisma, config.API_PUBLIC_URL, where, { take, orderBy: [{ batchLine: 'asc' }] });
        const lines = await prisma.listingScreening.findMany({ where: { id: { in: page.map((item) => item.id) } }, select: { id: true, batchLine: true } });
        const lineOf = new Map(lines.map((row) => [row.id, row.batchLine ?? 0]));
        return page.map((item) => ({ line: lineOf.get(item.id) ?? 0, ...item }));
      },
    },
  });
};
