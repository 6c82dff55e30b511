import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Client } from '@temporalio/client';
import type { Config } from '../../../core/config.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { listingScreeningWorkflowId } from '../../../workflows/names.ts';
import type { listingScreening, ListingScreeningInput } from '../../../workflows/listingScreening.ts';
import { sql, type SqlStatement } from '../../../core/sql.ts';
import { workflowStart, type WorkflowStarter } from '../../../core/workflowStarts.ts';
import { storeRowsWithWorkflowStart } from '../../../core/workflowStartWrites.ts';
import { webhookRetrySettings } from '../../../core/webhookRetry.ts';
import type { ListingSubmission } from './schemas.ts';

export interface ListingScreeningDependencies {
  prisma: PrismaClient;
  /** a submission's rows and start are one statement on the pool */
  pool: Pick<pg.Pool, 'query'>;
  temporal: Client;
  config: Config;
}

/** What a listing image row starts as: a URL to fetch, or inline bytes still to be checked by the worker. */
export function imageRows(images: ListingSubmission['images'], tenantId: string) {
  return (images ?? []).map((image, position) =>
    'url' in image
      ? { tenantId, position, sourceUrl: image.url, status: 'pending' }
      : { tenantId, position, status: 'pending', bytes: new Uint8Array(Buffer.from(image.imageBase64, 'base64')) },
  );
}

export const listingRow = (listing: ListingSubmission) => ({
  listingId: listing.listingId,
  sellerExternalId: listing.sellerId,
  title: listing.title,
  description: listing.description,
  priceAmount: listing.price.amount,
  priceCurrency: listing.price.currency,
  claimedBrand: listing.claimedBrand ?? null,
  category: listing.category ?? null,
});

/**
 * A listingScreening workflow's settings. `bulk`: screenings started by the dozen (a batch's
 * escalations, a gallery picture's re-screenings) run their screening steps on the bulk queue.
 */
export const workflowInput = (config: Config, screeningId: string, tenantId: string, { bulk = false } = {}): ListingScreeningInput => ({
  screeningId,
  tenantId,
  documentsTaskQueue: config.TEMPORAL_DOCUMENTS_TASK_QUEUE,
  ...(bulk ? { screeningTaskQueue: config.TEMPORAL_BULK_TASK_QUEUE } : {}),
  caseSlaSeconds: config.CASE_SLA_SECONDS,
  webhook: webhookRetrySettings(config),
});

/** A stored screening's workflow, started through the outbox (core/workflowStarts.ts). */
export const screeningStart = (config: Config, screeningId: string, tenantId: string) =>
  workflowStart<typeof listingScreening>('listingScreening', {
    workflowId: listingScreeningWorkflowId(screeningId),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    args: [workflowInput(config, screeningId, tenantId)],
  });

/** One statement writing listings' pictures as `imageRows` gives them: one listing's, or a whole batch's. */
export function imagesWrite(tenantId: string, images: (ReturnType<typeof imageRows>[number] & { screeningId: string })[]): SqlStatement {
  return sql(
    `INSERT INTO listing_images (id, screening_id, tenant_id, position, source_url, status, bytes)
     SELECT gen_random_uuid(), image.screening_id, $1, image.position, image.source_url, 'pending', image.bytes
     FROM unnest($2::uuid[], $3::int[], $4::text[], $5::bytea[]) AS image(screening_id, position, source_url, bytes)`,
    [
      tenantId,
      images.map((image) => image.screeningId),
      images.map((image) => image.position),
      images.map((image) => ('sourceUrl' in image ? image.sourceUrl : null)),
      images.map((image) => ('bytes' in image && image.bytes ? Buffer.from(image.bytes) : null)),
    ],
  );
}

/**
 * Stores the listing as sent (text untouched, images as references or bytes) with its workflow's
 * start, in one statement (the listing, its pictures and the start: one round trip per submission).
 */
export async function submitListing(deps: ListingScreeningDependencies, starter: WorkflowStarter, tenantId: string, listing: ListingSubmission): Promise<{ id: string; status: string }> {
  const id = randomUUID();
  const row = listingRow(listing);
  const writes = [
    sql(
      `INSERT INTO listing_screenings (id, tenant_id, listing_id, seller_external_id, title, description, price_amount, price_currency, claimed_brand, category, workflow_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8, $9, $10, $11)`,
      [id, tenantId, row.listingId, row.sellerExternalId, row.title, row.description, String(row.priceAmount), row.priceCurrency, row.claimedBrand, row.category, listingScreeningWorkflowId(id)],
    ),
  ];
  const images = imageRows(listing.images, tenantId).map((image) => ({ ...image, screeningId: id }));
  if (images.length > 0) writes.push(imagesWrite(tenantId, images));
  await storeRowsWithWorkflowStart(deps.pool, starter, screeningStart(deps.config, id, tenantId), writes);
  return { id, status: 'received' };
}
