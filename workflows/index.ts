// Every workflow type the workers register. The worker bundles this file (workflowsPath).
export { systemProbe } from './systemProbe.ts';
export { sellerVetting, sellerVettingFailureNotice } from './sellerVetting.ts';
export { contentScreening } from './contentScreening.ts';
export { authenticityCheck, authenticityRefundNotice } from './authenticityCheck.ts';
export { failureNotice } from './failurePath.ts';
export { watchlistRefresh } from './watchlistRefresh.ts';
export { purgeRequestRecords } from './requestRecordsPurge.ts';
export { listingScreening } from './listingScreening.ts';
export { listingGalleryImage } from './listingGallery.ts';
// listing batches started before the one batch path keep their own workflow type
export { listingScreeningBatch } from './listingScreeningBatch.ts';
export { sweepUnfinishedSubjects } from './failureSweep.ts';
export { batch } from './batch.ts';
export { batchFailureNotice } from './batchFailure.ts';
export { sellerProbation, sellerProbationNotice } from './sellerProbation.ts';
export { webhookDispatch } from './webhookDispatch.ts';
export { exportStatements } from './statementExport.ts';
export { appeal } from './appeal.ts';
