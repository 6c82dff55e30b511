/**
 * Builds what activities need from the configuration: the data protector, the registry
 * provider, the watchlist index (loaded once per process) and, for the documents queue, the
 * OCR reader. Tests build the same objects with their own settings.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../core/config.ts';
import { createDataProtector, resolveDataKey, type DataProtector } from '../core/dataProtection.ts';
import type { WatchlistScreener } from './activities/sellerVetting.ts';
import { loadWatchlistIndex, watchlistDetector, type WatchlistSource } from './detectors/watchlist/index.ts';
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

/** Every list in WATCHLIST_DIR: `sdn.csv` (+ `alt.csv`) in OFAC's layout, any other CSV in the generic one. */
export async function watchlistSources(dir: string): Promise<WatchlistSource[]> {
  const folder = path.resolve(projectRoot, dir);
  const files = (await readdir(folder)).filter((name) => name.endsWith('.csv')).sort();
  const sources: WatchlistSource[] = [];
  if (files.includes('sdn.csv')) {
    sources.push({ format: 'ofac-sdn-csv', sdnPath: path.join(folder, 'sdn.csv'), altPath: files.includes('alt.csv') ? path.join(folder, 'alt.csv') : undefined });
  }
  for (const name of files.filter((file) => file !== 'sdn.csv' && file !== 'alt.csv')) {
    sources.push({ format: 'generic-csv', path: path.join(folder, name), listId: path.basename(name, '.csv') });
  }
  return sources;
}

export async function createWatchlistScreener(config: Config): Promise<WatchlistScreener> {
  const { index } = await loadWatchlistIndex(await watchlistSources(config.WATCHLIST_DIR));
  return { screen: (input) => watchlistDetector.detect({ ...input, index }) };
}
