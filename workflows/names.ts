/** Workflow ids derive from the business key, so a duplicate start collapses onto the running one. */
export const systemProbeWorkflowId = (probeId: string): string => `system-probe-${probeId}`;
export const sellerVettingWorkflowId = (vettingId: string): string => `seller-vetting-${vettingId}`;
export const contentScreeningWorkflowId = (screeningId: string): string => `content-screening-${screeningId}`;
export const sellerVettingFailureNoticeWorkflowId = (vettingId: string): string => `seller-vetting-failed-${vettingId}`;
export const sellerProbationWorkflowId = (sellerId: string): string => `seller-probation-${sellerId}`;
export const sellerProbationNoticeWorkflowId = (changeId: string): string => `seller-probation-notice-${changeId}`;
export const listingScreeningWorkflowId = (screeningId: string): string => `listing-screening-${screeningId}`;
export const listingScreeningBatchWorkflowId = (batchId: string): string => `listing-screening-batch-${batchId}`;
export const listingGalleryWorkflowId = (galleryImageId: string): string => `listing-gallery-image-${galleryImageId}`;
