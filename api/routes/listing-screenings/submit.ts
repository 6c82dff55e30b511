import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Config } from '../../../core/config.ts';
import type { PrismaClient } from '../../../core/database.ts';
import { listingScreeningWorkflowId } from '../../../workflows/names.ts';
import type { listingScreening, ListingScreeningInput } from '../../../workflows/listingScreening.ts';
import { storeWithWorkflowStart, workflowStart, type WorkflowStarter } from '../../../core/workflowStarts.ts';
import { webhookRetrySettings } from '../../../core/webhookRetry.ts';
import type { ListingSubmission } from './schemas.ts';

export interface ListingScreeningDependencies {
  prisma: PrismaClient;
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

/** Stores the listing as sent (text untouched, images as references or bytes) with its workflow's start. */
export async function submitListing(deps: ListingScreeningDependencies, starter: WorkflowStarter, tenantId: string, listing: ListingSubmission) {
  const id = randomUUID();
  return await storeWithWorkflowStart(deps.prisma, starter, screeningStart(deps.config, id, tenantId), (tx) =>
    tx.listingScreening.create({
      // no nested write for a listing without pictures: it costs the ORM a plan of its own
      data: { id, tenantId, ...listingRow(listing), workflowId: listingScreeningWorkflowId(id), ...(listing.images?.length ? { images: { create: imageRows(listing.images, tenantId) } } : {}) },
    }),
  );
}
