import { describe, expect, it } from 'vitest';
import { defaultQualityThresholds, measurePhoto, photoQualitySignals, type MeasuredPhoto } from './photoQuality.ts';
import { barcode, blurred, darkened, label, productShot, shrunk } from './renderedPhotos.ts';
import { retakeRequestsOf, retakeSignal } from './retake.ts';
import type { AuthenticityPhotoKind } from '../../../core/authenticityCheck.ts';

const MAX_PIXELS = 40_000_000;
const gate = async (photo: Buffer, kind: AuthenticityPhotoKind, codeRead = false) => {
  const measured: MeasuredPhoto = { position: 0, kind, measures: await measurePhoto(photo, MAX_PIXELS), codeRead };
  return photoQualitySignals([measured]);
};

describe('the photo quality gate', () => {
  it('passes a focused, lit label and a plain product shot', async () => {
    const photo = await label({ code: await barcode('ean13', '400638133393') });
    const measures = await measurePhoto(photo, MAX_PIXELS);
    expect(measures).toMatchObject({ width: 1200, height: 900 });
    expect(measures.sharpness).toBeGreaterThan(defaultQualityThresholds.minSharpness * 5);
    expect(await gate(photo, 'label')).toEqual([]);
    // a smooth product has few edges even in focus: product photos are never called blurred
    expect(await gate(await productShot(), 'product')).toEqual([]);
  });

  it('asks again for a blurred label, saying which photo and why in plain words', async () => {
    const photo = await blurred(await label(), 3);
    const [signal, ...rest] = await gate(photo, 'label');
    expect(rest).toEqual([]);
    expect(signal).toMatchObject({ code: 'authenticity.photo_blurred', evidence: { position: 0, kind: 'label', retake: { position: 0, kind: 'label', reason: 'blurred' } } });
    expect((signal!.evidence.retake as { message: string }).message).toMatch(/label photo is blurred/);
    expect((signal!.evidence.sharpness as number)).toBeLessThan(defaultQualityThresholds.minSharpness);
    // the buyer's words carry no threshold
    expect((signal!.evidence.retake as { message: string }).message).not.toMatch(/\d/);
  });

  it('does not ask again for a blurred, dark or small photo whose code was read anyway', async () => {
    expect(await gate(await blurred(await label(), 3), 'label', true)).toEqual([]);
    expect(await gate(await darkened(await label(), 0.12), 'code', true)).toEqual([]);
    expect(await gate(await shrunk(await label(), 280), 'code', true)).toEqual([]);
  });

  it('asks again for a dark photo and a small one, of any kind', async () => {
    const photo = await label();
    expect((await gate(await darkened(photo, 0.12), 'product')).map((signal) => signal.code)).toEqual(['authenticity.photo_too_dark']);
    expect((await gate(await shrunk(photo, 280), 'packaging')).map((signal) => signal.code)).toEqual(['authenticity.photo_too_small']);
  });

  it('measures the same label the same at any resolution', async () => {
    const photo = await label();
    const big = await measurePhoto(await shrunk(photo, 3600), MAX_PIXELS);
    expect(big.width).toBe(3600);
    expect(big.sharpness).toBeGreaterThan(defaultQualityThresholds.minSharpness);
    const bigBlurred = await measurePhoto(await blurred(await shrunk(photo, 3600), 9), MAX_PIXELS);
    expect(bigBlurred.sharpness).toBeLessThan(defaultQualityThresholds.minSharpness);
  });
});

describe('the retake requests of a verdict', () => {
  it('names each photo once, by its first reason, whatever order the signals come in', () => {
    const detector = { id: 'test', version: '1' };
    const unreadable = retakeSignal(detector, 'authenticity.photo_code_unreadable', { position: 1, kind: 'label' }, 'code_unreadable', 'The code cannot be read', {});
    const blurry = retakeSignal(detector, 'authenticity.photo_blurred', { position: 1, kind: 'label' }, 'blurred', 'The label photo is blurred', {});
    const dark = retakeSignal(detector, 'authenticity.photo_too_dark', { position: 0, kind: 'product' }, 'too_dark', 'The product photo is too dark', {});
    const expected = [
      { position: 0, kind: 'product', reason: 'too_dark', message: 'The product photo is too dark' },
      { position: 1, kind: 'label', reason: 'blurred', message: 'The label photo is blurred' },
    ];
    expect(retakeRequestsOf([unreadable, blurry, dark])).toEqual(expected);
    expect(retakeRequestsOf([dark, blurry, unreadable])).toEqual(expected);
    expect(retakeRequestsOf([{ evidence: {} }])).toEqual([]);
  });
});
