import type { PrismaClient } from '../../core/database.ts';
import type { DataProtector } from '../../core/dataProtection.ts';
import type { BusinessRegistryProvider } from '../registry/index.ts';
import { createCaseActivities } from './cases.ts';
import { createSellerVettingActivities, type WatchlistScreener } from './sellerVetting.ts';
import { createSystemProbeActivities } from './systemProbe.ts';
import { createWebhookActivities } from './webhooks.ts';

export interface ActivityDependencies {
  prisma: PrismaClient;
  protector: DataProtector;
  workerIdentity: string;
  registry: BusinessRegistryProvider;
  watchlist: WatchlistScreener;
  webhook: { timeoutMs: number; allowPrivateNetwork: boolean };
  clock?: () => Date;
}

/** All activities of the main task queue, with their dependencies injected. */
export function createActivities({ prisma, protector, workerIdentity, registry, watchlist, webhook, clock = () => new Date() }: ActivityDependencies) {
  return {
    ...createSystemProbeActivities({ prisma, workerIdentity, clock }),
    ...createCaseActivities({ prisma, clock }),
    ...createSellerVettingActivities({ prisma, protector, registry, watchlist, clock }),
    ...createWebhookActivities({ prisma, protector, clock, ...webhook }),
  };
}
