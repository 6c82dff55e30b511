import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fingerprintImage } from '../listingImages/index.ts';
import { codesCopiedFromChecks, confirmReusedPhotos, copiesOfSameCodePhotos, findReusedPhotos, photoGallerySignals, photoReuseSignals, type ComparedPhoto, type ReusedPhoto } from './photoMatches.ts';
import { copied, photographed } from '../listingImages/photographedPictures.ts';
import { comparePhotographs } from '../listingImages/samePhotograph.ts';
import { barcode, label, productShot } from './renderedPhotos.ts';

const compared = async (bytes: Buffer, position = 0): Promise<ComparedPhoto> => ({
  position,
  kind: 'label',
  sha256: createHash('sha256').update(bytes).digest('hex'),
  fingerprints: (await fingerprintImage(bytes)).fingerprints,
});

describe('a photo that is an earlier photo', () => {
  it('finds the same file, and a resized, recompressed copy, but not another label', async () => {
    const original = await label({ code: await barcode('ean13', '400638133393', { scale: 3 }) });
    const copy = await sharp(original).resize(900).jpeg({ quality: 70 }).toBuffer();
    const other = await label({ brand: 'COMB WORKS' });
    const earlier = [{ source: 'listing' as const, otherId: 'screening-1', ...(await compared(original)) }];
    expect(findReusedPhotos([await compared(original)], earlier)).toMatchObject([{ source: 'listing', otherId: 'screening-1', identical: true, distance: 0 }]);
    const [near] = findReusedPhotos([await compared(copy, 2)], earlier);
    expect(near).toMatchObject({ position: 2, source: 'listing', identical: false });
    expect(near!.distance).toBeLessThanOrEqual(40);
    expect(findReusedPhotos([await compared(other)], earlier)).toEqual([]);
    expect(findReusedPhotos([await compared(await productShot())], earlier)).toEqual([]);
  });

  it('says where the photo came from, once per photo', () => {
    const signals = photoReuseSignals([
      { position: 1, kind: 'product', source: 'listing', otherId: 's-1', distance: 12, identical: false },
      { position: 1, kind: 'product', source: 'another_check', otherId: 'c-1', distance: 0, identical: true },
      { position: 2, kind: 'label', source: 'another_check', otherId: 'c-2', distance: 0, identical: true },
    ]);
    expect(signals).toMatchObject([
      { code: 'authenticity.photo_reused', severity: 'high', evidence: { position: 1, source: 'listing' } },
      { code: 'authenticity.photo_reused', evidence: { position: 2, source: 'another_check', otherId: 'c-2' } },
    ]);
    expect(signals[0]!.summary).toMatch(/listing's own pictures/);
  });
});

describe('a code on a copied photo', () => {
  const GTIN = '09506000134352';
  const reused = (position: number, otherId: string, source: ReusedPhoto['source'] = 'another_check'): ReusedPhoto => ({ position, kind: 'label', source, otherId, distance: 30, identical: false });

  it('came from the other order’s check when that check carried the same GTIN and serial', () => {
    const theirs = new Map([['c-1', [{ gtin: GTIN, serial: 'AB000001' }]]]);
    expect(codesCopiedFromChecks([{ raw: `https://id.gs1.org/01/${GTIN}/21/AB000001`, position: 1 }], [reused(1, 'c-1')], theirs)).toEqual([
      { raw: `https://id.gs1.org/01/${GTIN}/21/AB000001`, position: 1, copiedFrom: { source: 'another_check', otherId: 'c-1', unsure: false } },
    ]);
    // the EAN-13 beside the DataMatrix on that copy came with it too
    expect(codesCopiedFromChecks([{ raw: '9506000134352', position: 1 }, { raw: `(01)${GTIN}(21)AB000001`, position: 1 }], [reused(1, 'c-1')], theirs).map((read) => read.copiedFrom?.otherId ?? null)).toEqual(['c-1', 'c-1']);
    // an unsure match with the same code: no evidence of reuse, but the code may have come with it
    expect(codesCopiedFromChecks([{ raw: `(01)${GTIN}(21)AB000001`, position: 0 }], [{ ...reused(0, 'c-1'), unsure: true }], theirs)[0]!.copiedFrom).toEqual({ source: 'another_check', otherId: 'c-1', unsure: true });
  });

  it('is the buyer’s own when the photo paired with another check carries another code, or no copy, or a listing picture', () => {
    const theirs = new Map([['c-1', [{ gtin: GTIN, serial: 'AB000002' }]], ['c-2', []]]);
    const code = { raw: `(01)${GTIN}(21)AB000001`, position: 0 };
    // another label of the same design, with another serial: the fingerprints pair them, the codes tell them apart
    expect(codesCopiedFromChecks([code], [reused(0, 'c-1')], theirs)[0]!.copiedFrom).toBeNull();
    // a check that recorded no code
    expect(codesCopiedFromChecks([code], [reused(0, 'c-2')], theirs)[0]!.copiedFrom).toBeNull();
    // the copy is another photo than the one the code is on
    expect(codesCopiedFromChecks([code], [reused(1, 'c-1')], new Map([['c-1', [{ gtin: GTIN, serial: 'AB000001' }]]]))[0]!.copiedFrom).toBeNull();
    expect(codesCopiedFromChecks([code], [reused(0, 'screening-1', 'listing')], theirs)[0]!.copiedFrom).toBeNull();
  });
});

describe('a photo that is a gallery picture', () => {
  const gallery = new Map([
    ['fake-1', { label: 'counterfeit', brandKey: 'brush-co' }],
    ['official-1', { label: 'official', brandKey: 'brush-co' }],
    ['stock-1', { label: 'never_match', brandKey: null }],
  ]);
  const match = (galleryImageId: string, certainty: 'match' | 'unsure', distance: number) => ({ galleryImageId, certainty, distance, listingVariant: 'full' as const, galleryVariant: 'full' as const });

  it('calls a near-identical known counterfeit hard evidence, and an unsure one a moderator’s question', () => {
    const signals = photoGallerySignals([
      { position: 0, kind: 'product', best: match('fake-1', 'match', 8) },
      { position: 1, kind: 'packaging', best: match('fake-1', 'unsure', 43) },
    ], gallery);
    expect(signals).toMatchObject([
      { code: 'authenticity.photo_matches_counterfeit', severity: 'critical', score: 0.97, evidence: { position: 0, galleryImageId: 'fake-1', certainty: 'match' } },
      { code: 'authenticity.photo_matches_counterfeit', severity: 'high', score: 0.8, evidence: { position: 1, certainty: 'unsure' } },
    ]);
  });

  it('keeps an official photo match as information only, and ignores never-match pictures', () => {
    const signals = photoGallerySignals([
      { position: 0, kind: 'product', best: match('official-1', 'match', 3) },
      { position: 1, kind: 'product', best: match('stock-1', 'match', 0) },
      { position: 2, kind: 'product', best: null },
    ], gallery);
    expect(signals).toMatchObject([{ code: 'authenticity.photo_matches_official', severity: 'info', score: 0 }]);
  });
});

describe('a photo carrying a code another order recorded', () => {
  const code = '(01)04006381333931(21)SN-7781';
  const unit = { gtin: '04006381333931', serial: 'SN-7781' };

  it('is a copy of the photo it was cropped and turned from, and no copy of the same code photographed anew', async () => {
    const print = await label({ code: await barcode('gs1datamatrix', code, { scale: 6 }) });
    const firstUse = await photographed(print, { angle: -6, surface: ['#3d7a4f', '#8c7d6b'], light: 1, left: 180, top: 150 });
    const clone = await photographed(print, { angle: 3, surface: ['#6b5a7a', '#9a8f88'], light: 0.92, left: 200, top: 120 });
    const copy = await copied(firstUse, { crop: 0.05, angle: 4 });
    const earlier = [
      { checkId: 'clone-check', kind: 'label', bytes: clone, ...unit },
      { checkId: 'first-check', kind: 'label', bytes: firstUse, ...unit },
    ];

    const found = await copiesOfSameCodePhotos([{ position: 1, kind: 'label', bytes: copy }], [{ raw: code, position: 1 }], earlier, new Set());
    expect(found).toMatchObject([{ position: 1, source: 'another_check', otherId: 'first-check', distance: null, identical: false }]);
    expect(found[0]!.alignment!.chromaDifference!).toBeLessThanOrEqual(2);
    expect(photoReuseSignals(found)).toMatchObject([{ code: 'authenticity.photo_reused', evidence: { otherId: 'first-check', alignment: { inliers: found[0]!.alignment!.inliers } } }]);

    // a new photo of the same print (a clone) is none of them
    expect(await copiesOfSameCodePhotos([{ position: 1, kind: 'label', bytes: await photographed(print, { angle: 8, surface: ['#7a3d3d', '#c9b89a'], light: 1.05, left: 150, top: 180 }) }], [{ raw: code, position: 1 }], earlier, new Set())).toEqual([]);
    // a photo the fingerprints already paired, a code on another photo, another serial: not compared
    expect(await copiesOfSameCodePhotos([{ position: 1, kind: 'label', bytes: copy }], [{ raw: code, position: 1 }], earlier, new Set([1]))).toEqual([]);
    expect(await copiesOfSameCodePhotos([{ position: 1, kind: 'label', bytes: copy }], [{ raw: code, position: 2 }], earlier, new Set())).toEqual([]);
    expect(await copiesOfSameCodePhotos([{ position: 1, kind: 'label', bytes: copy }], [{ raw: '(01)04006381333931(21)SN-7782', position: 1 }], earlier, new Set())).toEqual([]);
  });
});

describe('a pairing the fingerprints make', () => {
  it('is kept when the two photos are one photograph, and dropped when they are two photos of one label design', async () => {
    const print = await label({ code: await barcode('gs1datamatrix', '(01)04006381333931(21)SN-1001', { scale: 6 }) });
    const first = await photographed(print, { angle: -4, surface: ['#3d7a4f', '#8c7d6b'], light: 1, left: 180, top: 150 });
    const copy = await copied(first, { crop: 0.03, angle: 2 });
    const sameDesign = await photographed(print, { angle: 2, surface: ['#6b5a7a', '#9a8f88'], light: 0.95, left: 190, top: 130 });
    const pairing = (position: number, photoId: string, identical = false): ReusedPhoto => ({ position, kind: 'label', source: 'another_check', otherId: `check-${photoId}`, distance: identical ? 0 : 36, identical, photoId });
    const stored = new Map([['first', first]]);
    let compared = 0;
    const confirmed = await confirmReusedPhotos(
      [pairing(1, 'first'), pairing(2, 'first'), pairing(3, 'first', true), pairing(4, 'gone')],
      [{ position: 1, bytes: copy }, { position: 2, bytes: sameDesign }, { position: 3, bytes: first }, { position: 4, bytes: copy }],
      async (paired) => stored.get(paired.photoId!) ?? null,
      async (original, candidate) => {
        compared += 1;
        return await comparePhotographs(original, candidate);
      },
    );
    // the copy kept with its alignment; the other photo of the design dropped; an identical file and an unreadable original stand as paired
    expect(confirmed.map((entry) => entry.position)).toEqual([1, 3, 4]);
    expect(confirmed[0]!.alignment).toMatchObject({ inliers: expect.any(Number) });
    expect(compared).toBe(2);
  });
});
