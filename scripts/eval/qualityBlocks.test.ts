import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { authenticityInputs, beginMark, blockIn, codeOf, digestIn, documentInputs, endMark, inputsDigest, listingImagesInputs, markdownTable, readBlock, withBlock } from './qualityBlocks.ts';

/**
 * The evaluations that read pictures take minutes on the whole set (the floors tests read a
 * sample), so their blocks are checked by what they were measured on: a change to the reader, the
 * matcher, their imports, the labelled fixtures or the image libraries fails here until
 * `npm run docs:quality -- documents` (or `-- listing-images`, `-- authenticity`) has measured them again.
 */
describe('quality blocks measured outside the suite', () => {
  it.each([
    ['vetting-documents', documentInputs, 'documents'],
    ['listing-images', listingImagesInputs, 'listing-images'],
    ['authenticity', authenticityInputs, 'authenticity'],
  ] as const)('docs block %s was measured on the inputs there are now', (name, inputs, part) => {
    const block = readBlock(name);
    expect(block, `\`npm run docs:quality -- ${part}\` writes the ${name} block`).toMatch(/\| --- \|/);
    expect(digestIn(block), `the ${name} figures were measured on other inputs: run \`npm run docs:quality -- ${part}\``).toBe(inputsDigest(inputs));
  });
});

describe('inputsDigest', () => {
  it('leaves out the files it is told to skip', () => {
    const frozenSet = { entries: [], folders: ['fixtures/authenticity-checks'], packages: [] };
    expect(inputsDigest({ ...frozenSet, skip: /generate\.ts$/ })).not.toBe(inputsDigest(frozenSet));
    expect(inputsDigest({ ...frozenSet, skip: /generate\.ts$/ })).toBe(inputsDigest({ ...frozenSet, skip: /\/generate\.ts$/ }));
  });

  it('is the same twice over and differs between evaluations', () => {
    expect(inputsDigest(listingImagesInputs)).toBe(inputsDigest(listingImagesInputs));
    expect(inputsDigest(listingImagesInputs)).not.toBe(inputsDigest(documentInputs));
  });

  it('follows the imports of its entries, so a change anywhere they reach changes it', () => {
    const alone = { entries: ['scripts/eval/documentLabels.ts'], folders: [], packages: [] };
    const withImports = { entries: ['scripts/eval/documentEvaluation.ts'], folders: [], packages: [] };
    // documentEvaluation.ts imports documentLabels.ts (types only: left out) and the reader (kept).
    expect(inputsDigest({ ...withImports, entries: [...withImports.entries, 'workers/documents/readDocument.ts'] })).toBe(inputsDigest(withImports));
    expect(inputsDigest(withImports)).not.toBe(inputsDigest({ ...withImports, entries: [...withImports.entries, ...alone.entries] }));
  });

  it('reads TypeScript as code: comments and layout change nothing, code does', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'quality-digest-'));
    const write = (name: string, text: string) => {
      writeFileSync(path.join(folder, name), text);
      return codeOf(path.join(folder, name));
    };
    const plain = write('a.ts', 'export const threshold = 0.5;\n');
    expect(write('b.ts', '/** why 0.5 */\nexport const threshold =\n  0.5; // tuned\n')).toEqual(plain);
    expect(write('c.ts', 'export const threshold = 0.6;\n')).not.toEqual(plain);
  });
});

describe('withBlock and blockIn', () => {
  const page = ['# Page', '', 'before', '<!-- quality:content:begin -->', 'old figures', '<!-- quality:content:end -->', 'after', ''].join('\n');

  it('replaces only what lies between the marks, and writes the full begin mark', () => {
    const fresh = withBlock(page, 'content', 'new figures');
    expect(fresh).toBe(['# Page', '', 'before', beginMark('content'), 'new figures', endMark('content'), 'after', ''].join('\n'));
    expect(blockIn(fresh, 'content')).toBe('new figures');
    expect(withBlock(fresh, 'content', 'new figures')).toBe(fresh);
  });

  it('refuses a page without the block', () => {
    expect(() => blockIn(page, 'listings')).toThrow(/lacks the quality:listings block/);
    expect(() => withBlock('<!-- quality:listings:begin -->', 'listings', 'x')).toThrow(/lacks/);
  });

  it('renders tables whose cells may hold a pipe', () => {
    expect(markdownTable(['a', 'b'], [['x|y', 1]])).toBe('| a | b |\n| --- | --- |\n| x\\|y | 1 |');
  });
});
