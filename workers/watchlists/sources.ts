import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { WatchlistSource } from '../detectors/watchlist/index.ts';

/** Every list in a folder: `sdn.csv` (+ `alt.csv`) in OFAC's layout, any other CSV in the generic one. */
export async function watchlistSourcesIn(folder: string): Promise<WatchlistSource[]> {
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
