/**
 * Image preparation before OCR, with sharp: decode within an explicit pixel limit, honour the
 * EXIF orientation, go grayscale, cut the photo down to the card (locateDocument.ts), turn it a
 * number of quarter turns (orientation.ts), undo a small tilt, stretch the contrast and scale the page so
 * MRZ characters come out around 25-35 px tall, which is where Tesseract reads OCR-B best. The
 * MRZ sits in the bottom part of every TD1/TD3 layout, so that band is also cut out for a
 * dedicated OCR pass with less clutter around it.
 */
import sharp from 'sharp';
import { locateCard, whitenSurface } from './locateDocument.ts';
import { type QuarterTurns, textRunsVertically } from './orientation.ts';
import { estimateSkewDegrees } from './skew.ts';

export type DocumentImageErrorCode = 'undecodable' | 'unsupported_format' | 'too_large';

/** The image itself is unusable: not an image, or over the pixel limit. Callers should not retry. */
export class DocumentImageError extends Error {
  constructor(
    readonly code: DocumentImageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentImageError';
  }
}

export interface PreprocessOptions {
  /** decoding refuses images with more pixels than this (decompression bombs, huge scans) */
  maxPixels: number;
  /** width the page is scaled to; a document filling the frame then has a readable MRZ */
  pageWidth?: number;
  /** share of the page height, from the bottom, cut out as the MRZ band */
  mrzBandShare?: number;
  /** tilt search either way, in degrees; 0 disables it */
  maxSkewDegrees?: number;
}

export interface PreparedDocument {
  /** grayscale PNG of the whole page, levelled and contrast-stretched */
  page: Buffer;
  /** grayscale PNG of the bottom band where an MRZ would be */
  mrzBand: Buffer;
  skewDegrees: number;
}

/** The photo cut down to the card (when it can be told from the surface), grayscale. */
export interface DocumentCard {
  image: Buffer;
  located: boolean;
  /** text lines run vertically: the photo is probably turned sideways */
  sideways: boolean;
}

const defaults = { pageWidth: 1200, mrzBandShare: 0.42, maxSkewDegrees: 6 };
/** decoded photos are bounded to this size before the card is looked for */
const decodeSize = 2000;

/**
 * Photos and scans only: vector and document formats (SVG is XML that librsvg would parse and
 * render) are refused rather than decoded.
 */
const rasterFormats = new Set(['jpeg', 'png', 'webp', 'tiff', 'heif', 'avif', 'gif']);

function decodingError(error: unknown, maxPixels: number): DocumentImageError {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return new DocumentImageError('too_large', `image exceeds ${maxPixels} pixels`);
  return new DocumentImageError('undecodable', `image could not be decoded: ${message}`);
}

async function decodeGrayscale(image: Buffer, maxPixels: number): Promise<{ data: Buffer; width: number; height: number }> {
  let format: string | undefined;
  try {
    ({ format } = await sharp(image, { limitInputPixels: maxPixels }).metadata());
  } catch (error) {
    throw decodingError(error, maxPixels);
  }
  if (!format || !rasterFormats.has(format)) throw new DocumentImageError('unsupported_format', `images must be photos or scans, not ${format ?? 'unknown'}`);
  try {
    // failOn 'truncated': a cut-off upload is refused rather than read with its bottom (where the
    // MRZ is) filled grey. Bounded in height too, so an extreme aspect ratio stays small.
    const { data, info } = await sharp(image, { limitInputPixels: maxPixels, failOn: 'truncated' })
      .autoOrient()
      .grayscale()
      .resize({ width: decodeSize, height: decodeSize, fit: 'inside', withoutEnlargement: true })
      .png({ compressionLevel: 1 })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (error) {
    throw decodingError(error, maxPixels);
  }
}

/** Decodes the photo (EXIF orientation honoured) and cuts it down to the card. */
export async function prepareCard(image: Buffer, { maxPixels }: { maxPixels: number }): Promise<DocumentCard> {
  const decoded = await decodeGrayscale(image, maxPixels);
  const found = await locateCard(decoded.data, decoded.width, decoded.height);
  if (!found) return { image: decoded.data, located: false, sideways: await textRunsVertically(decoded.data) };
  const cropped = await sharp(decoded.data).extract(found.box).png({ compressionLevel: 1 }).toBuffer();
  const card = await whitenSurface(cropped, found.threshold, found.cardLevel);
  // A card is wider than tall; a crop taller than wide is a card turned sideways.
  return { image: card, located: true, sideways: found.box.height > found.box.width * 1.05 };
}

/** The card turned `turns` quarter turns clockwise, levelled, scaled, with its MRZ band cut out. */
export async function orientCard(card: Buffer, turns: QuarterTurns, options: Omit<PreprocessOptions, 'maxPixels'> = {}): Promise<PreparedDocument> {
  const { pageWidth, mrzBandShare, maxSkewDegrees } = { ...defaults, ...options };
  const gray = await sharp(card)
    .rotate(turns * 90)
    .resize({ width: pageWidth, height: pageWidth * 2, fit: 'inside' })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const skewDegrees = maxSkewDegrees > 0 ? await estimateSkewDegrees(gray, { maxDegrees: maxSkewDegrees, stepDegrees: 0.5 }) : 0;
  // Rotating adds corners: fill them white so they do not read as ink or text.
  const levelled = skewDegrees === 0 ? sharp(gray) : sharp(gray).rotate(-skewDegrees, { background: '#ffffff' });
  const { data: page, info } = await levelled.normalise({ lower: 1, upper: 99 }).png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
  const bandHeight = Math.max(1, Math.floor(info.height * mrzBandShare));
  const mrzBand = await sharp(page)
    .extract({ left: 0, top: info.height - bandHeight, width: info.width, height: bandHeight })
    .png({ compressionLevel: 1 })
    .toBuffer();
  return { page, mrzBand, skewDegrees };
}

/** The card as photographed, upright: decode, locate, level and cut the band in one go. */
export async function prepareDocumentImage(image: Buffer, options: PreprocessOptions): Promise<PreparedDocument> {
  const card = await prepareCard(image, options);
  return await orientCard(card.image, 0, options);
}
