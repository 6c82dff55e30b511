/**
 * The detectors' word lists are not the fixture generators' word lists. A list copied from the
 * generator that writes the labelled set measures nothing: the detector finds exactly what the
 * generator wrote. So each list is compared with the text its capability's generator writes (its
 * word pools, or the listings it generated), and at most half of a list may be words or phrases
 * that text holds; the rest came from elsewhere (regulators' guidance, the market, the languages
 * themselves), which is what lets the detectors read text nobody here wrote.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as contentPools from '../../fixtures/content-screening/pools.ts';
import { CONNECTION_PHRASES, DISCLOSURE_TERMS } from '../../workers/detectors/contentDisclosure/terms.ts';
import { CATEGORY_KEYWORDS, SUPERLATIVES } from '../../workers/detectors/contentPraise/index.ts';
import { FILLER_PHRASES, foldText } from '../../workers/detectors/contentScript/normalise.ts';
import { categoryWords } from '../../workers/detectors/listingBrands/categoryWords.ts';
import wellKnownModels from '../../workers/detectors/listingBrands/wellKnownModels.json' with { type: 'json' };

/** Words and hashtags only, folded, space-padded so a phrase matches whole words. */
const fold = (text: string) => ` ${foldText(text).replace(/[^\p{L}\p{N}#]+/gu, ' ').trim()} `;

/** Every string in a value (the pools are records of arrays of strings and objects). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

const contentGenerator = stringsIn(Object.values(contentPools)).map(fold).join('\n');
const listingGenerator = ['../../fixtures/listing-screening/listings.jsonl', '../../fixtures/listing-screening/marketplace/listings.jsonl']
  .flatMap((file) => readFileSync(new URL(file, import.meta.url), 'utf8').split('\n').filter(Boolean))
  .map((line) => {
    const row = JSON.parse(line) as { listing?: { title: string; description: string }; title?: string; description?: string };
    return fold(`${row.listing?.title ?? row.title ?? ''} ${row.listing?.description ?? row.description ?? ''}`);
  })
  .join('\n');

const lists: [string, readonly string[], string][] = [
  ['content disclosure terms', DISCLOSURE_TERMS.map((term) => term.term), contentGenerator],
  ['content connection phrases', CONNECTION_PHRASES, contentGenerator],
  ['content superlatives', SUPERLATIVES, contentGenerator],
  ['content category keywords', Object.values(CATEGORY_KEYWORDS).flat(), contentGenerator],
  ['script filler words', FILLER_PHRASES, contentGenerator],
  // the goods words of every category family categoryWords.ts knows, asked by one name of each
  ['listing category goods words', ['handbag', 'sneaker', 'clothing', 'electronics', 'audio', 'watch', 'camera', 'sunglass', 'jewelry', 'perfume', 'personal care', 'toy', 'home appliance'].flatMap((name) => [...categoryWords(name)]), listingGenerator],
  ['well-known models', (wellKnownModels as { models: { name: string }[] }[]).flatMap((brand) => brand.models.map((model) => model.name)), listingGenerator],
];

describe('detector word lists against the generators that wrote the labelled sets', () => {
  it.each(lists)('%s: at most half of the list is text its generator writes', (_name, list, generated) => {
    const entries = [...new Set(list.map(fold))].filter((entry) => entry.trim().length > 0);
    const written = entries.filter((entry) => generated.includes(entry));
    expect(entries.length).toBeGreaterThan(0);
    expect(written.length / entries.length, `written by the generator too: ${written.map((entry) => entry.trim()).join(', ')}`).toBeLessThanOrEqual(0.5);
  });
});
