/**
 * `npm run docs:quality` (or `npm run docs:quality -- listings content`): runs the evaluations and
 * rewrites the quality blocks of the capability pages under docs/ with their figures (see
 * scripts/eval/qualityBlocks.ts). Parts: documents (seller vetting's identity documents, the
 * slowest: 15-20 minutes on a busy 2-core machine), watchlist, vetting (both), listings,
 * listing-images (a few minutes), content, authenticity (the labelled authenticity checks through a
 * platform of its own, minutes).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { evaluateAuthenticityOnPlatform } from './eval/authenticityReport.ts';
import { evaluateContentSet, loadContentSet } from './eval/contentEvaluation.ts';
import { evaluateDocumentSet } from './eval/documentEvaluation.ts';
import { loadDocumentSet } from './eval/documentLabels.ts';
import { evaluateListings, LISTING_FAMILIES } from './eval/listingEvaluation.ts';
import { evaluateWholeListingImageSet, listingImagesFigures } from './eval/listingImagesReport.ts';
import {
  authenticityInputs,
  documentInputs,
  inputsDigest,
  listingImagesInputs,
  type QualityBlock,
  qualityBlocks,
  renderAuthenticityQuality,
  renderContentQuality,
  renderDocumentQuality,
  renderListingImagesQuality,
  renderListingsQuality,
  renderWatchlistQuality,
  withBlock,
} from './eval/qualityBlocks.ts';
import { evaluateWatchlist } from './eval/watchlistEvaluation.ts';

const parts = ['documents', 'watchlist', 'listings', 'listing-images', 'content', 'authenticity'] as const;
type Part = (typeof parts)[number];
/** `vetting` names both of seller vetting's evaluations, as `npm run eval:vetting` runs both. */
const aliases: Record<string, Part[]> = { vetting: ['documents', 'watchlist'] };

function write(name: QualityBlock, body: string): void {
  const { page } = qualityBlocks[name];
  writeFileSync(page, withBlock(readFileSync(page, 'utf8'), name, body));
  process.stdout.write(`[docs:quality] ${name} written to docs/${page.split('/').pop()}\n`);
}

async function documents(name: 'original' | 'wide') {
  const set = await loadDocumentSet(name);
  const results = await evaluateDocumentSet(set, () => true, (result, done, total) => process.stderr.write(`\r${name}: ${done}/${total} ${result.file.padEnd(36)}`));
  process.stderr.write('\n');
  return results;
}

const generators: Record<Part, () => Promise<void>> = {
  async watchlist() {
    write('vetting-watchlist', renderWatchlistQuality(await evaluateWatchlist()));
  },
  async documents() {
    // The digest first: it names the inputs the figures below are measured on.
    const digest = inputsDigest(documentInputs);
    write('vetting-documents', renderDocumentQuality({ original: await documents('original'), wide: await documents('wide') }, digest));
  },
  async listings() {
    write('listings', renderListingsQuality(Object.fromEntries(LISTING_FAMILIES.map((family) => [family, evaluateListings('holdout', family)])) as Parameters<typeof renderListingsQuality>[0]));
  },
  async 'listing-images'() {
    const digest = inputsDigest(listingImagesInputs);
    const outcomes = await evaluateWholeListingImageSet((done, total) => process.stderr.write(`\rlisting images: ${done}/${total}`));
    process.stderr.write('\n');
    write('listing-images', renderListingImagesQuality(listingImagesFigures(outcomes), digest));
  },
  async content() {
    write('content', renderContentQuality({ holdout: await evaluateContentSet(loadContentSet('holdout')), tune: await evaluateContentSet(loadContentSet('tune')) }));
  },
  async authenticity() {
    const digest = inputsDigest(authenticityInputs);
    write('authenticity', renderAuthenticityQuality((await evaluateAuthenticityOnPlatform()).results, digest));
  },
};

const asked = process.argv.slice(2).filter((arg) => !arg.startsWith('-')).flatMap((arg) => aliases[arg] ?? [arg]);
const unknown = asked.filter((arg) => !parts.includes(arg as Part));
if (unknown.length > 0) {
  process.stderr.write(`unknown part ${unknown.join(', ')}; parts: ${[...parts, ...Object.keys(aliases)].join(', ')}\n`);
  process.exit(2);
}
for (const part of asked.length > 0 ? [...new Set(asked as Part[])] : parts) await generators[part]();
