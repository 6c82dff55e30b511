/**
 * The fingerprint of a picture: a few 256-bit perceptual hashes (dctHash.ts) of chosen regions,
 * so that one of them still lines up after the edits resellers make to a stolen product photo.
 *
 * - `full`: the whole picture as given.
 * - `trimmed`: inside uniform borders (trimBorders.ts): white frames, letterboxing, studio margins.
 * - `mirror`: the trimmed picture flipped left to right.
 * - `centre-90`: the picture less 5% on every side (crops, zooms).
 * - `crop-left`, `crop-right`, `crop-top`, `crop-bottom`: less 10% on one side.
 * - `upper-85`, `trimmed-upper-85`: the top 85% of the picture or of its trimmed part (banners and
 *   captions pasted along the bottom); `inner-upper-85` the same less a thin margin (a banner on
 *   a slightly cropped copy).
 * - `tilt-left`, `tilt-right`: the picture turned back 3° either way (a tilted re-shoot or re-scan
 *   within about 1.5° to 4.5°), less 5% on every side like `centre-90`: a tilted copy cut back to
 *   its frame has wedges of background in its corners, which on a dark or busy photo outweigh
 *   the picture's own low frequencies; the margin leaves them out. `tilt-left-6`, `tilt-right-6`,
 *   `tilt-left-9`, `tilt-right-9` the same at 6° and 9°, so a turn anywhere from 1° to about 10°
 *   is within 1.5° of one of them.
 * - `tilt-*-grown`: the same turns for a copy turned on a canvas grown to hold it (the picture's
 *   corners kept, the canvas filled around them): turned back, the original sits smaller in the
 *   middle, and the region is the original's own centre 90%, its size worked out from the grown
 *   canvas and the angle. Whatever fills the corners (white, black, a colour, the picture blurred
 *   or stretched) stays outside both kinds of region.
 * - `core`: the picture trimmed until nothing more comes off and less a full-width banner
 *   (trimBorders.ts `coreRegion`): a copy cropped, bannered and framed at once, where one round of
 *   trimming stops at the frame or the banner.
 * - `core-top`: the top of `core`, at most half as tall as it is wide: the part of a product shot a
 *   banner along the bottom leaves whole, found from the left, right and top edges alone, so it
 *   lines up however much of the bottom the banner hides.
 *
 * Decoding is bounded: bytes, pixels and time are explicit limits, and anything that is not a
 * JPEG, PNG or WebP sharp can decode throws an `ImageFingerprintError` with a code the caller
 * turns into a signal.
 */
import sharp, { type Metadata } from 'sharp';
import { gridSize, hashOfGrid } from './dctHash.ts';
import { type GrayImage, mirrorGrid, type Region, resampleRegion, rotatedRegion, summedArea } from './grayImage.ts';

import { coreRegion, trimmedRegion } from './trimBorders.ts';

/** the turns tried back, either way: 3° apart, so every turn of up to about 10° is within 1.5° of one */
const tiltSteps = [3, 6, 9] as const;
/** `core-top` is at most this share of its width tall (chosen on the tune split: 0.4-0.6 find the same copies) */
const coreTopShare = 0.5;

/**
 * The recipe's version: raised whenever a change makes the same picture hash differently (new
 * variants, the grey level, the tilt), so hashes stored by an older recipe are made again.
 * 2: the settled core, luma grey, tilts turned in pixel space.
 */
export const FINGERPRINT_VERSION = 2;

/** The tilts beyond the 3° turn on the copy's own canvas: the wider turns, and every turn on a grown canvas. */
export const extraTiltVariants = [
  'tilt-left-6',
  'tilt-right-6',
  'tilt-left-9',
  'tilt-right-9',
  'tilt-left-grown',
  'tilt-right-grown',
  'tilt-left-6-grown',
  'tilt-right-6-grown',
  'tilt-left-9-grown',
  'tilt-right-9-grown',
] as const;

export const fingerprintVariants = [
  'full',
  'trimmed',
  'mirror',
  'centre-90',
  'crop-left',
  'crop-right',
  'crop-top',
  'crop-bottom',
  'upper-85',
  'inner-upper-85',
  'trimmed-upper-85',
  'tilt-left',
  'tilt-right',
  'core',
  'core-top',
  ...extraTiltVariants,
] as const;
export type FingerprintVariant = (typeof fingerprintVariants)[number];

export interface ImageFingerprint {
  /** the picture's size after EXIF orientation */
  width: number;
  height: number;
  fingerprints: { variant: FingerprintVariant; hash: Buffer }[];
}

export interface FingerprintLimits {
  /** encoded size refused above this */
  maxBytes: number;
  /** decoded width × height refused above this (checked by sharp before decoding) */
  maxPixels: number;
  /** sharp gives up on a decode after this long */
  timeoutSeconds: number;
  /** the picture is decoded straight to at most this size on its longer side before hashing */
  workingSize: number;
  /** pictures smaller than this on either side carry too little to hash */
  minSide: number;
}

export const defaultFingerprintLimits: FingerprintLimits = { maxBytes: 20 * 1024 * 1024, maxPixels: 40_000_000, timeoutSeconds: 10, workingSize: 256, minSide: 16 };

export type ImageFingerprintErrorCode = 'image_too_large' | 'image_too_many_pixels' | 'image_unsupported_format' | 'image_undecodable' | 'image_too_small';

export class ImageFingerprintError extends Error {
  override readonly name = 'ImageFingerprintError';
  constructor(
    readonly code: ImageFingerprintErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const acceptedFormats = new Set(['jpeg', 'png', 'webp']);

async function decodeGray(bytes: Buffer, limits: FingerprintLimits): Promise<{ image: GrayImage; width: number; height: number }> {
  if (bytes.length > limits.maxBytes) throw new ImageFingerprintError('image_too_large', `image is ${bytes.length} bytes, above the limit of ${limits.maxBytes}`);
  let metadata: Metadata;
  try {
    // The header alone: the pixel limit is checked below, with its own code, before any decoding.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new ImageFingerprintError('image_undecodable', `not a readable image: ${(error as Error).message}`);
  }
  if (!metadata.format || !acceptedFormats.has(metadata.format)) throw new ImageFingerprintError('image_unsupported_format', `format ${metadata.format ?? 'unknown'} is not JPEG, PNG or WebP`);
  const rawWidth = metadata.width ?? 0;
  const rawHeight = metadata.height ?? 0;
  if (rawWidth * rawHeight > limits.maxPixels) throw new ImageFingerprintError('image_too_many_pixels', `image has ${rawWidth}×${rawHeight} pixels, above the limit of ${limits.maxPixels}`);
  const sideways = (metadata.orientation ?? 1) >= 5;
  const width = sideways ? rawHeight : rawWidth;
  const height = sideways ? rawWidth : rawHeight;
  if (width < limits.minSide || height < limits.minSide) throw new ImageFingerprintError('image_too_small', `image is ${width}×${height}, below ${limits.minSide} pixels on a side`);
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'error' })
      .timeout({ seconds: limits.timeoutSeconds })
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize({ width: limits.workingSize, height: limits.workingSize, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    // Grey as JPEG and WebP store it (Rec. 601 luma of the gamma-encoded values), not sharp's
    // grayscale (luminance in linear light): a recompressed copy keeps its luma and loses its
    // colour, so colour noise no longer leaks into the grey (tune: 19 misses down to 14).
    const pixels = new Float32Array(info.width * info.height);
    for (let i = 0, at = 0; i < pixels.length; i += 1, at += info.channels) pixels[i] = info.channels >= 3 ? 0.299 * data[at]! + 0.587 * data[at + 1]! + 0.114 * data[at + 2]! : data[at]!;
    return { image: { width: info.width, height: info.height, pixels }, width, height };
  } catch (error) {
    throw new ImageFingerprintError('image_undecodable', `image could not be decoded: ${(error as Error).message}`);
  }
}

/** `region` less the given shares of its width and height on each side. */
function inset(region: Region, left: number, top: number, right: number, bottom: number): Region {
  const x = region.width * left;
  const y = region.height * top;
  return { left: region.left + x, top: region.top + y, width: region.width * (1 - left - right), height: region.height * (1 - top - bottom) };
}

/** The hash of every variant of an already decoded picture. */
export function fingerprintGray(image: GrayImage): { variant: FingerprintVariant; hash: Buffer }[] {
  const whole: Region = { left: 0, top: 0, width: image.width, height: image.height };
  const trimmed = trimmedRegion(image);
  const core = coreRegion(image);
  const table = summedArea(image);
  const trimmedGrid = resampleRegion(image, trimmed, gridSize, table);
  // Crops are cut from the whole picture: a reseller crops the photo as published, and trimming
  // a busy or gradient picture is less stable than its frame.
  const centre = inset(whole, 0.05, 0.05, 0.05, 0.05);
  const regions: [FingerprintVariant, Region][] = [
    ['full', whole],
    ['centre-90', centre],
    ['crop-left', inset(whole, 0.1, 0, 0, 0)],
    ['crop-right', inset(whole, 0, 0, 0.1, 0)],
    ['crop-top', inset(whole, 0, 0.1, 0, 0)],
    ['crop-bottom', inset(whole, 0, 0, 0, 0.1)],
    ['upper-85', inset(whole, 0, 0, 0, 0.15)],
    ['inner-upper-85', inset(whole, 0.035, 0.035, 0.035, 0.18)],
    ['trimmed-upper-85', inset(trimmed, 0, 0, 0, 0.15)],
    ['core', core],
    ['core-top', { ...core, height: Math.min(core.height, core.width * coreTopShare) }],
  ];
  const wholeFine = resampleRegion(image, whole, gridSize * 2, table);
  const tilts = tiltSteps.flatMap((degrees) =>
    ([['left', -degrees], ['right', degrees]] as const).flatMap(([side, turn]) => {
      const name = degrees === 3 ? `tilt-${side}` : `tilt-${side}-${degrees}`;
      const grown = grownOriginal(image, degrees);
      return [
        { variant: name as FingerprintVariant, hash: hashOfGrid(rotatedRegion(wholeFine, image, centre, gridSize, turn)) },
        ...(grown ? [{ variant: `${name}-grown` as FingerprintVariant, hash: hashOfGrid(rotatedRegion(wholeFine, image, grown, gridSize, turn)) }] : []),
      ];
    }),
  );
  return [
    { variant: 'trimmed', hash: hashOfGrid(trimmedGrid) },
    { variant: 'mirror', hash: hashOfGrid(mirrorGrid(trimmedGrid, gridSize)) },
    ...regions.map(([variant, region]) => ({ variant, hash: hashOfGrid(resampleRegion(image, region, gridSize, table)) })),
    ...tilts,
  ];
}

/**
 * Where the original's centre 90% lies in a picture that is a copy turned by `degrees` on a canvas
 * grown to hold it, once turned back: a canvas W x H grown from w x h by a turn of t holds
 * W = w cos t + h sin t and H = w sin t + h cos t, so w and h follow from W, H and t. Null when
 * the picture cannot be such a canvas (too narrow for the turn).
 */
function grownOriginal(picture: { width: number; height: number }, degrees: number): Region | null {
  const turn = (degrees * Math.PI) / 180;
  const cos = Math.cos(turn);
  const sin = Math.sin(turn);
  const determinant = Math.cos(2 * turn);
  const width = (picture.width * cos - picture.height * sin) / determinant;
  const height = (picture.height * cos - picture.width * sin) / determinant;
  if (width <= 0 || height <= 0) return null;
  return { left: (picture.width - 0.9 * width) / 2, top: (picture.height - 0.9 * height) / 2, width: 0.9 * width, height: 0.9 * height };
}

/** Decodes `bytes` within `limits` and hashes every variant. Throws `ImageFingerprintError`. */
export async function fingerprintImage(bytes: Buffer, limits: Partial<FingerprintLimits> = {}): Promise<ImageFingerprint> {
  const settings = { ...defaultFingerprintLimits, ...limits };
  const { image, width, height } = await decodeGray(bytes, settings);
  return { width, height, fingerprints: fingerprintGray(image) };
}
