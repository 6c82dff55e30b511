/**
 * A new gallery picture: fetched (when given by URL) and checked, fingerprinted, and, when it is a
 * counterfeit, matched against the pictures of earlier screenings: each listing whose latest
 * screening used a matching picture is screened again (a child workflow per listing, left running
 * on its own when this one ends), so a fake that slipped through is caught once the gallery knows it.
 */
import { ParentClosePolicy, proxyActivities, startChild } from '@temporalio/workflow';
import type { ListingGalleryActivities } from '../workers/activities/listingGallery.ts';
import type { ListingScreeningInput } from './listingScreening.ts';
import { listingScreeningWorkflowId } from './names.ts';

export interface ListingGalleryImageInput {
  galleryImageId: string;
  tenantId: string;
  /** settings for the re-screenings it starts (screeningId is filled per listing) */
  screening: ListingScreeningInput;
}

export interface ListingGalleryImageResult {
  status: 'indexed' | 'failed';
  rescreened: string[];
}

const activities = proxyActivities<ListingGalleryActivities>({
  // a URL fetch, one fingerprinting, or a page-by-page pass over the marketplace's listing fingerprints
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function listingGalleryImage(input: ListingGalleryImageInput): Promise<ListingGalleryImageResult> {
  const { galleryImageId } = input;
  const acquired = await activities.acquireGalleryImage({ galleryImageId });
  if (!acquired.ok) return { status: 'failed', rescreened: [] };
  const indexed = await activities.fingerprintGalleryImage({ galleryImageId });
  if (!indexed.ok) return { status: 'failed', rescreened: [] };
  if (indexed.label !== 'counterfeit') return { status: 'indexed', rescreened: [] };
  const rescreened = await activities.createRetroactiveScreenings({ galleryImageId });
  for (const screeningId of rescreened) {
    await startChild('listingScreening', {
      workflowId: listingScreeningWorkflowId(screeningId),
      args: [{ ...input.screening, screeningId }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  }
  return { status: 'indexed', rescreened };
}
