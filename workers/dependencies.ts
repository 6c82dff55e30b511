/**
 * Builds what activities need from the configuration: the data protector, the registry
 * provider, the watchlist index (loaded once per process) and, for the documents queue, the
 * OCR reader. Tests build the same objects with their own settings.
 */
import path from 'node:path';
import { ConfigError, type Config } from '../core/config.ts';
import { createDataProtector, resolveDataKey, type DataProtector } from '../core/dataProtection.ts';
import type { WatchlistScreener } from './activities/sellerVetting.ts';
import { watchlistDetector } from './detectors/watchlist/index.ts';
import { followWatchlistDir } from './watchlists/liveWatchlist.ts';
import { FixtureRegistryProvider, HttpRegistryProvider, type BusinessRegistryProvider } from './registry/index.ts';

const projectRoot = path.join(import.meta.dirname, '..');

export function createProtector(config: Config): DataProtector {
  return createDataProtector(resolveDataKey(config.DATA_ENCRYPTION_KEY, path.resolve(projectRoot, config.BONAFIDE_DATA_DIR)));
}

export async function createRegistryProvider(config: Config): Promise<BusinessRegistryProvider> {
  if (config.REGISTRY_PROVIDER === 'fixture') return await FixtureRegistryProvider.fromFile();
  if (!config.REGISTRY_BASE_URL) throw new Error('Invalid configuration: REGISTRY_BASE_URL must be set when REGISTRY_PROVIDER is http');
  return new HttpRegistryProvider({
    baseUrl: config.REGISTRY_BASE_URL,
    apiKey: config.REGISTRY_API_KEY,
    timeoutMs: config.REGISTRY_TIMEOUT_MS,
    allowPrivateNetwork: config.OUTBOUND_ALLOW_PRIVATE_NETWORK,
  });
}

/** WATCHLIST_DIR as an absolute path (relative values are relative to the project). */
export const watchlistDir = (config: Config) => path.resolve(projectRoot, config.WATCHLIST_DIR);
const fixtureWatchlistDir = path.join(projectRoot, 'fixtures', 'seller-vetting', 'watchlists');

/**
 * A production worker never screens against synthetic data by accident: the fixture registry or
 * the fixture watchlists with NODE_ENV=production stop it, unless ALLOW_FIXTURE_DATA_IN_PRODUCTION.
 */
export function refuseFixtureDataInProduction(config: Config): void {
  if (config.NODE_ENV !== 'production' || config.ALLOW_FIXTURE_DATA_IN_PRODUCTION) return;
  if (config.REGISTRY_PROVIDER === 'fixture') {
    throw new ConfigError('REGISTRY_PROVIDER', 'is "fixture" (synthetic companies) with NODE_ENV=production; use http, or set ALLOW_FIXTURE_DATA_IN_PRODUCTION=true');
  }
  if (watchlistDir(config) === fixtureWatchlistDir) {
    throw new ConfigError('WATCHLIST_DIR', `is the synthetic fixture lists with NODE_ENV=production; point it at the real lists (deploy/README.md), or set ALLOW_FIXTURE_DATA_IN_PRODUCTION=true`);
  }
}

/**
 * Screening follows WATCHLIST_DIR, so a refresh takes effect without a restart. Without
 * WATCHLIST_SOURCES the lists must be there at start (an empty index fails the start); with it,
 * they may arrive with the first refresh.
 */
export async function createWatchlistScreener(config: Config): Promise<WatchlistScreener> {
  const live = followWatchlistDir(watchlistDir(config));
  if (config.WATCHLIST_SOURCES.length === 0) {
    await live.index().catch((error: Error) => {
      throw new Error(`no watchlists loaded from WATCHLIST_DIR (${watchlistDir(config)}): ${error.message}; put the list files there, or set WATCHLIST_SOURCES so the refresh downloads them`);
    });
  }
  return { screen: async (input) => watchlistDetector.detect({ ...input, index: await live.index() }) };
}
