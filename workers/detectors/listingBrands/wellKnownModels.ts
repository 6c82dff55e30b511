/**
 * Well-known models, lines and patterns of brands often counterfeited ("Neverfull", "GG Supreme",
 * "Submariner", "Airwrap"), so a listing that names only the model still names the brand. Knockoff
 * sellers leave the brand's name out to pass a name filter; the model is how buyers find the goods.
 *
 * `wellKnownModels.json` is a starting list written from general knowledge of the market, not from
 * any listing set, for about 60 brands; a marketplace's own catalog adds models per brand
 * (`PUT /v1/brands/:key` `models`), which the detectors read as the brand's aliases. A catalog
 * brand takes the list's models when its name or one of its aliases is the list's brand or one of
 * the list's aliases (compared without case, accents or punctuation).
 *
 * Left out on purpose: models the list marks as everyday words ("Love", "Boy", "Galaxy", "Tank"),
 * which would read ordinary listings as the brand, and names with fewer than four letters
 * ("J12", "4G", "550"), which collide with product codes. The brand-sense check (brandSense.ts)
 * still asks for context when a kept model is itself a common English word.
 */
import rawModels from './wellKnownModels.json' with { type: 'json' };

interface ModelEntry {
  brand: string;
  aliases?: string[];
  models: { name: string; kind: 'model' | 'line' | 'pattern'; everyday?: boolean }[];
}

const key = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

const byName = new Map<string, string[]>();
for (const entry of rawModels as ModelEntry[]) {
  const models = entry.models.filter((model) => !model.everyday && (model.name.match(/\p{L}/gu) ?? []).length >= 4).map((model) => model.name);
  for (const name of [entry.brand, ...(entry.aliases ?? [])]) if (!byName.has(key(name))) byName.set(key(name), models);
}

/** The list's models of a catalog brand (named by its name or aliases), or none. */
export function wellKnownModelsOf(brand: { name: string; aliases: readonly string[] }): readonly string[] {
  for (const name of [brand.name, ...brand.aliases]) {
    const models = byName.get(key(name));
    if (models) return models;
  }
  return [];
}
