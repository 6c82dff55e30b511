import type { PrismaClient } from '../../core/database.ts';
import type { DataProtector } from '../../core/dataProtection.ts';
import type { BusinessRegistryProvider } from '../registry/index.ts';
import { createCaseActivities } from './cases.ts';
import { createListingGalleryActivities } from './listingGallery.ts';
import { createListingScreeningActivities } from './listingScreening.ts';
import { createListingScreeningBatchActivities } from './listingScreeningBatch.ts';
import { createContentScreeningActivities } from './contentScreening.ts';
import { createRequestRecordsPurgeActivities } from './requestRecordsPurge.ts';
import { createSellerProbationActivities } from './sellerProbation.ts';
import { createSellerVettingActivities, type WatchlistScreener } from './sellerVetting.ts';
import { createSystemProbeActivities } from './systemProbe.ts';
import { createVettingFailureActivities } from './vettingFailures.ts';
import { createVettingSweepActivities } from './vettingSweep.ts';
import { createWebhookActivities } from './webhooks.ts';
import { createWatchlistRefreshActivities, type WatchlistRefreshDependencies } from '../watchlists/refreshWatchlists.ts';

/** What the watchlist refresh needs; absent, the refresh refuses to run (nothing configured). */
export type WatchlistRefreshSettings = Omit<WatchlistRefreshDependencies, 'clock'>;
const noRefresh: WatchlistRefreshSettings = { liveDir: '', sources: [], maxBytes: 0, timeoutMs: 1000, allowPrivateNetwork: false };

export interface ActivityDependencies {
  prisma: PrismaClient;
  protector: DataProtector;
  workerIdentity: string;
  registry: BusinessRegistryProvider;
  watchlist: WatchlistScreener;
  webhook: { timeoutMs: number; allowPrivateNetwork: boolean };
  watchlistRefresh?: WatchlistRefreshSettings;
  clock?: () => Date;
}

/** All activities of the main task queue, with their dependencies injected. */
export function createActivities({ prisma, protector, workerIdentity, registry, watchlist, webhook, watchlistRefresh = noRefresh, clock = () => new Date() }: ActivityDependencies) {
  const listingScreening = createListingScreeningActivities({ prisma, allowPrivateNetwork: webhook.allowPrivateNetwork, clock });
  return {
    ...createSystemProbeActivities({ prisma, workerIdentity, clock }),
    ...createCaseActivities({ prisma, clock }),
    ...createSellerVettingActivities({ prisma, protector, registry, watchlist, clock }),
    ...createSellerProbationActivities({ prisma, clock }),
    ...createVettingFailureActivities({ prisma, clock }),
    ...createContentScreeningActivities({ prisma, clock }),
    ...createVettingSweepActivities({ prisma, clock }),
    ...createWebhookActivities({ prisma, protector, clock, ...webhook }),
    ...createWatchlistRefreshActivities({ ...watchlistRefresh, clock }),
    ...createRequestRecordsPurgeActivities({ prisma }),
    ...listingScreening,
    ...createListingScreeningBatchActivities({ prisma, screening: listingScreening, clock }),
    ...createListingGalleryActivities({ prisma, allowPrivateNetwork: webhook.allowPrivateNetwork, clock }),
  };
}
