/**
 * A new gallery picture: fetched (when given by URL) and checked under the outbound rules. The
 * picture's fingerprints and the re-screening of earlier listings that match a counterfeit hang
 * off this workflow.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { ListingGalleryActivities } from '../workers/activities/listingGallery.ts';
import type { ListingScreeningInput } from './listingScreening.ts';

export interface ListingGalleryImageInput {
  galleryImageId: string;
  tenantId: string;
  /** settings for the re-screenings it starts (screeningId is filled per listing) */
  screening: ListingScreeningInput;
}

export interface ListingGalleryImageResult {
  status: 'stored' | 'failed';
}

const activities = proxyActivities<ListingGalleryActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['GalleryImageNotFound'] },
});

export async function listingGalleryImage(input: ListingGalleryImageInput): Promise<ListingGalleryImageResult> {
  const acquired = await activities.acquireGalleryImage({ galleryImageId: input.galleryImageId });
  return { status: acquired.ok ? 'stored' : 'failed' };
}
