import { createAppealActivities } from './appeals.ts';
import { createStatementExportActivities } from './statementExport.ts';
import { capabilities } from '../../core/capabilities.ts';
import type pg from 'pg';
import type { PrismaClient } from '../../core/database.ts';
import type { DataProtector } from '../../core/dataProtection.ts';
import type { BusinessRegistryProvider } from '../registry/index.ts';
import { createAuthenticityActionActivities } from './authenticityActions.ts';
import { createAuthenticityCheckActivities } from './authenticityCheck.ts';
import { createCaseActivities } from './cases.ts';
import { createFailureActivities } from './failures.ts';
import { createListingGalleryActivities } from './listingGallery.ts';
import { createListingScreeningActivities } from './listingScreening.ts';
import { createListingScreeningBatchActivities, listingScreeningBatchCapability } from './listingScreeningBatch.ts';
import { createBatchActivities } from './batches.ts';
import { createImageThreads } from '../listingImages/imageThreads.ts';
import { contentScreeningBatchCapability } from './contentScreeningBatch.ts';
import { authenticityCodeImportCapability } from './authenticityCodeImport.ts';
import { createGalleryIndexes } from '../listingImages/galleryIndexes.ts';
import { mergeActivities } from './mergeActivities.ts';
import { createContentScreeningActivities } from './contentScreening.ts';
import { createRequestRecordsPurgeActivities } from './requestRecordsPurge.ts';
import { createSellerProbationActivities } from './sellerProbation.ts';
import { createSellerVettingActivities, type WatchlistScreener } from './sellerVetting.ts';
import { createSystemProbeActivities } from './systemProbe.ts';
import { createVettingFailureActivities } from './vettingFailures.ts';
import { createWebhookActivities } from './webhooks.ts';
import { createWatchlistRefreshActivities, type WatchlistRefreshDependencies } from '../watchlists/refreshWatchlists.ts';

/** What the watchlist refresh needs; absent, the refresh refuses to run (nothing configured). */
export type WatchlistRefreshSettings = Omit<WatchlistRefreshDependencies, 'clock'>;
const noRefresh: WatchlistRefreshSettings = { liveDir: '', sources: [], maxBytes: 0, timeoutMs: 1000, allowPrivateNetwork: false };

export interface ActivityDependencies {
  prisma: PrismaClient;
  /** the pg pool under `prisma`: set-based SQL runs on it directly */
  pool: pg.Pool;
  protector: DataProtector;
  workerIdentity: string;
  registry: BusinessRegistryProvider;
  watchlist: WatchlistScreener;
  webhook: { timeoutMs: number; allowPrivateNetwork: boolean };
  watchlistRefresh?: WatchlistRefreshSettings;
  clock?: () => Date;
}

/** All activities of the main task queue, with their dependencies injected; a name two capabilities define stops the worker. */
export function createActivities({ prisma, pool, protector, workerIdentity, registry, watchlist, webhook, watchlistRefresh = noRefresh, clock = () => new Date() }: ActivityDependencies) {
  // one gallery index per marketplace and worker process, shared by single screenings and batches
  const galleries = createGalleryIndexes(prisma);
  // picture work (photos and listing pictures compared aligned) on threads of their own, started on first use
  const imageThreads = createImageThreads();
  const listingScreening = createListingScreeningActivities({ prisma, pool, allowPrivateNetwork: webhook.allowPrivateNetwork, clock, galleries, comparePhotographs: imageThreads.comparePhotographs });
  return mergeActivities({
    systemProbe: createSystemProbeActivities({ prisma, workerIdentity, clock }),
    cases: createCaseActivities({ prisma, clock }),
    sellerVetting: createSellerVettingActivities({ prisma, protector, registry, watchlist, clock }),
    sellerProbation: createSellerProbationActivities({ prisma, clock }),
    vettingFailures: createVettingFailureActivities({ prisma, clock }),
    contentScreening: createContentScreeningActivities({ prisma, clock }),
    authenticityCheck: createAuthenticityCheckActivities({ prisma, pool, clock, galleries, allowPrivateNetwork: webhook.allowPrivateNetwork, comparePhotographs: imageThreads.comparePhotographs }),
    authenticityActions: createAuthenticityActionActivities({ prisma, clock }),
    failures: createFailureActivities({ prisma, clock, capabilities }),
    webhooks: createWebhookActivities({ pool, protector, clock, ...webhook }),
    watchlistRefresh: createWatchlistRefreshActivities({ ...watchlistRefresh, clock }),
    requestRecordsPurge: createRequestRecordsPurgeActivities({ prisma }),
    appeals: createAppealActivities({ prisma, clock }),
    statementExport: createStatementExportActivities({ prisma, protector, allowPrivateNetwork: webhook.allowPrivateNetwork, clock }),
    listingScreening,
    listingScreeningBatch: createListingScreeningBatchActivities({ prisma, pool, galleries, allowPrivateNetwork: webhook.allowPrivateNetwork, clock, comparePhotographs: imageThreads.comparePhotographs }),
    listingGallery: createListingGalleryActivities({ prisma, allowPrivateNetwork: webhook.allowPrivateNetwork, clock }),
  });
}

/**
 * The activities of the bulk task queue: the batch path's ranges (each capability registers how
 * it screens a range of its batches) and the screening steps that escalations and gallery
 * re-screenings run by the hundred. The main queue keeps the latter too, for workflows started
 * before the bulk queue existed.
 */
export function createBulkActivities({ prisma, pool, allowPrivateNetwork, clock = () => new Date() }: { prisma: PrismaClient; pool: pg.Pool; allowPrivateNetwork: boolean; clock?: () => Date }) {
  const galleries = createGalleryIndexes(prisma);
  // a batch range's pictures hash (and near candidates are compared) on one thread per core, started on the first picture
  const { fingerprint, comparePhotographs } = createImageThreads();
  return mergeActivities({
    listingScreening: createListingScreeningActivities({ prisma, pool, allowPrivateNetwork, clock, galleries, comparePhotographs }),
    listingScreeningBatch: createListingScreeningBatchActivities({ prisma, pool, galleries, allowPrivateNetwork, clock, fingerprint, comparePhotographs }),
    contentScreening: createContentScreeningActivities({ prisma, clock }),
    batches: createBatchActivities({
      prisma,
      clock,
      capabilities: [listingScreeningBatchCapability({ prisma, pool, galleries, allowPrivateNetwork, clock, fingerprint, comparePhotographs }), contentScreeningBatchCapability({ prisma, pool, clock }), authenticityCodeImportCapability({ pool })],
    }),
  });
}
