// Every workflow type the workers register. The worker bundles this file (workflowsPath).
export { systemProbe } from './systemProbe.ts';
export { sellerVetting } from './sellerVetting.ts';
export { contentScreening } from './contentScreening.ts';
export { sellerVettingFailureNotice } from './vettingFailure.ts';
export { watchlistRefresh } from './watchlistRefresh.ts';
export { purgeRequestRecords } from './requestRecordsPurge.ts';
export { listingScreening } from './listingScreening.ts';
export { listingGalleryImage } from './listingGallery.ts';
export { listingScreeningBatch } from './listingScreeningBatch.ts';
export { sweepUnfinishedVettings } from './vettingSweep.ts';
export { sellerProbation, sellerProbationNotice } from './sellerProbation.ts';
