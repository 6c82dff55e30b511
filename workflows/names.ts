/** Workflow ids derive from the business key, so a duplicate start collapses onto the running one. */
export const systemProbeWorkflowId = (probeId: string): string => `system-probe-${probeId}`;
export const sellerVettingWorkflowId = (vettingId: string): string => `seller-vetting-${vettingId}`;
export const authenticityCheckWorkflowId = (checkId: string): string => `authenticity-check-${checkId}`;
export const authenticityRefundWorkflowId = (checkId: string): string => `authenticity-refund-${checkId}`;
export const contentScreeningWorkflowId = (screeningId: string): string => `content-screening-${screeningId}`;
export const failureNoticeWorkflowId = (subjectType: string, subjectId: string): string => `failure-notice-${subjectType}-${subjectId}`;
export const sellerProbationWorkflowId = (sellerId: string): string => `seller-probation-${sellerId}`;
export const sellerProbationNoticeWorkflowId = (changeId: string): string => `seller-probation-notice-${changeId}`;
export const listingScreeningWorkflowId = (screeningId: string): string => `listing-screening-${screeningId}`;
export const listingScreeningBatchWorkflowId = (batchId: string): string => `listing-screening-batch-${batchId}`;
export const listingGalleryWorkflowId = (galleryImageId: string): string => `listing-gallery-image-${galleryImageId}`;
/** A batch of any capability: `listing-screening-batch-<id>` for a listing batch, as before the batch path was shared. */
export const batchWorkflowId = (subjectType: string, batchId: string): string => `${subjectType.replaceAll('_', '-')}-batch-${batchId}`;
export const batchFailureNoticeWorkflowId = (batchId: string): string => `batch-failure-notice-${batchId}`;
export const appealWorkflowId = (appealId: string): string => `appeal-${appealId}`;
