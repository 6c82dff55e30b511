/**
 * The quality gate of a buyer's photo: too small, too dark or blurred photos are asked again
 * (a retake) instead of being judged, because nothing on them can be read with confidence.
 *
 * Measures (measurePhoto): the size after EXIF orientation; the mean luma; and sharpness as the
 * variance of the Laplacian over the photo scaled to a fixed longest side (a focused label has
 * strong edges, a blurred one has none). The Laplacian is summed here over sharp's grey pixels
 * rather than with sharp's `convolve`, whose 8-bit output clips the negative half of the response.
 *
 * Catches: photos below the pixel floor, photos taken in the dark, out-of-focus or shaken label,
 * code and receipt photos. Misses: blur on product and packaging photos (a smooth product has few
 * edges when sharp too, so they are never called blurred); glare that washes out one corner;
 * a photo of a screen showing a photo.
 */
import sharp from 'sharp';
import type { Signal } from '../../../core/signals.ts';
import type { AuthenticityPhotoKind } from '../../../core/authenticityCheck.ts';
import { retakeSignal } from './retake.ts';

export const detector = { id: 'authenticity-photo-quality', version: '1' };

export interface PhotoMeasures {
  width: number;
  height: number;
  /** 0 (black) to 255 (white) */
  meanLuma: number;
  /** variance of the Laplacian at SHARPNESS_SIDE pixels on the longest side */
  sharpness: number;
}

export interface QualityThresholds {
  /** the shorter side, in pixels */
  minShortSide: number;
  minMeanLuma: number;
  /** below this a label, code or receipt photo is blurred */
  minSharpness: number;
}

/**
 * From labels and codes rendered with bwip-js and sharp (photoQuality.test.ts): focused ones
 * measure 400-3,000, blurred by a Gaussian of sigma 3 at 1200 pixels wide under 30 (sigma 2: about 90, still read), dark ones under 30 luma.
 */
export const defaultQualityThresholds: QualityThresholds = { minShortSide: 320, minMeanLuma: 40, minSharpness: 60 };

/** The photo is scaled to this longest side before sharpness is measured, so the measure does not depend on resolution. */
export const SHARPNESS_SIDE = 800;

/** Kinds whose content is print (text, bars): the ones a blur makes unreadable. */
const PRINTED: ReadonlySet<AuthenticityPhotoKind> = new Set(['label', 'code', 'receipt']);

export async function measurePhoto(bytes: Buffer, maxPixels: number): Promise<PhotoMeasures> {
  const image = sharp(bytes, { limitInputPixels: maxPixels }).rotate();
  const { width = 0, height = 0, orientation } = await sharp(bytes, { limitInputPixels: maxPixels }).metadata();
  const turned = orientation !== undefined && orientation >= 5;
  const { data, info } = await image
    .resize({ width: SHARPNESS_SIDE, height: SHARPNESS_SIDE, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const w = info.width;
  const h = info.height;
  const channels = info.channels;
  let lumaSum = 0;
  for (let index = 0; index < w * h; index++) lumaSum += data[index * channels]!;
  let sum = 0;
  let sumOfSquares = 0;
  let count = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const at = (y * w + x) * channels;
      const laplacian = data[at - channels]! + data[at + channels]! + data[at - w * channels]! + data[at + w * channels]! - 4 * data[at]!;
      sum += laplacian;
      sumOfSquares += laplacian * laplacian;
      count++;
    }
  }
  const mean = count > 0 ? sum / count : 0;
  const sharpness = count > 0 ? sumOfSquares / count - mean * mean : 0;
  return { width: turned ? height : width, height: turned ? width : height, meanLuma: Math.round((lumaSum / Math.max(1, w * h)) * 10) / 10, sharpness: Math.round(sharpness * 10) / 10 };
}

export interface MeasuredPhoto {
  position: number;
  kind: AuthenticityPhotoKind;
  measures: PhotoMeasures;
  /** a code was read from the photo: then it is good enough whatever the measures say */
  codeRead: boolean;
}

/** One retake signal per photo that fails the gate (its first reason: small, then dark, then blurred). */
export function photoQualitySignals(photos: readonly MeasuredPhoto[], thresholds: QualityThresholds = defaultQualityThresholds): Signal[] {
  const signals: Signal[] = [];
  for (const { position, kind, measures, codeRead } of photos) {
    // what the photo was for was read: asking again would only cost the buyer a step
    if (codeRead) continue;
    const evidence = { ...measures, thresholds };
    if (Math.min(measures.width, measures.height) < thresholds.minShortSide) {
      signals.push(retakeSignal(detector, 'authenticity.photo_too_small', { position, kind }, 'too_small', `The ${kind} photo is too small to read: take it closer, at full resolution`, evidence));
    } else if (measures.meanLuma < thresholds.minMeanLuma) {
      signals.push(retakeSignal(detector, 'authenticity.photo_too_dark', { position, kind }, 'too_dark', `The ${kind} photo is too dark: take it again in daylight or with more light`, evidence));
    } else if (PRINTED.has(kind) && measures.sharpness < thresholds.minSharpness) {
      signals.push(retakeSignal(detector, 'authenticity.photo_blurred', { position, kind }, 'blurred', `The ${kind} photo is blurred: hold the phone still and tap the ${kind} to focus`, evidence));
    }
  }
  return signals;
}
