/**
 * Holds the reader's quality per kind of damage at its floor, so a regression fails CI: a small
 * fixed sample of holdout images per kind (the first three, two for the invalid kinds) is read
 * for real, scored as `npm run eval:vetting` scores the whole set, and compared with the floor
 * measured on that sample. No kind may ever approve a document that should not be approved.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { invalidKinds, readableDamageKinds } from '../../fixtures/seller-vetting/documents-wide/damage.ts';
import { createDocumentReader } from '../../workers/documents/readDocument.ts';
import { loadDocumentSet } from './documentLabels.ts';
import { evaluateImage, type ImageResult } from './documentEvaluation.ts';
import { figuresOf } from './documentSummary.ts';

const set = await loadDocumentSet('wide');
const reader = createDocumentReader({ maxPixels: 40_000_000, clock: () => new Date(`${set.today}T12:00:00Z`) });
afterAll(() => reader.close());

/**
 * outcome: approve-or-not accuracy; fields: MRZ field accuracy (null for kinds labelled
 * unreadable). Measured on this sample, a little below what it reads today; the kinds the reader
 * still handles worst (sideways shots, perspective, low JPEG quality) have lower floors.
 */
// An unreadable image has no true fields to score, so only its outcome has a floor.
const floors: Record<string, { outcome: number; fields: number | null }> = {
  clean: { outcome: 1, fields: 0.95 },
  'rotated-90': { outcome: 0.66, fields: 0.8 },
  'rotated-180': { outcome: 1, fields: 0.95 },
  'rotated-270': { outcome: 1, fields: 0.95 },
  perspective: { outcome: 0.66, fields: 0.9 },
  'textured-background': { outcome: 1, fields: 0.95 },
  'dark-background': { outcome: 1, fields: 0.9 },
  glare: { outcome: 1, fields: 0.95 },
  'low-jpeg': { outcome: 0.66, fields: 0.8 },
  'downscaled-800': { outcome: 1, fields: 0.95 },
  expired: { outcome: 1, fields: 0.75 },
  'name-mismatch': { outcome: 1, fields: 0.9 },
  'birth-date-mismatch': { outcome: 1, fields: 0.95 },
  'altered-digit': { outcome: 1, fields: 0.9 },
  'kind-mismatch': { outcome: 1, fields: 0.95 },
  unreadable: { outcome: 1, fields: null },
};

const sampleOf = (kind: string) => set.images.filter((image) => image.kind === kind && image.split === 'holdout').slice(0, invalidKinds.includes(kind as never) ? 2 : 3);

const allKinds = [...readableDamageKinds, ...invalidKinds];
const floorOf = (kind: string) => floors[kind] ?? { outcome: 1, fields: 0.95 };

async function figuresFor(kind: string) {
  const results: ImageResult[] = [];
  for (const label of sampleOf(kind)) results.push(await evaluateImage(reader, set, label));
  const figures = figuresOf(results);
  expect(figures.wrongApprovals).toBe(0);
  expect(figures.outcomeAccuracy).toBeGreaterThanOrEqual(floorOf(kind).outcome);
  return figures;
}

describe.each(allKinds.filter((kind) => floorOf(kind).fields !== null))('reading documents with damage %s', (kind) => {
  it('holds its floors and approves nothing it should not', { timeout: 600_000 }, async () => {
    const figures = await figuresFor(kind);
    expect(figures.fieldAccuracy).not.toBeNull();
    expect(figures.fieldAccuracy!).toBeGreaterThanOrEqual(floorOf(kind).fields!);
  });
});

describe.each(allKinds.filter((kind) => floorOf(kind).fields === null))('reading documents with damage %s', (kind) => {
  it('holds its outcome floor and approves nothing it should not', { timeout: 600_000 }, async () => {
    await figuresFor(kind);
  });
});
