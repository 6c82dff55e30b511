import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { ApiProblem } from './problem.ts';

export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type AcceptedImageType = (typeof ACCEPTED_IMAGE_TYPES)[number];

export interface AcceptedImage {
  mimeType: AcceptedImageType;
  width: number;
  height: number;
  byteSize: number;
}

/**
 * Checks an uploaded image before anything is stored or started: the type is recognised from
 * the bytes (the declared content type is not trusted), the byte size and the pixel count are
 * bounded. Dimensions come from the header, without decoding, so a decompression bomb is
 * refused before it can take memory. Only then is the whole image decoded, so a truncated or
 * corrupt one (whose header reads fine) is refused here rather than failing OCR later.
 */
export async function acceptImage(bytes: Buffer, limits: { maxBytes: number; maxPixels: number }, field: string): Promise<AcceptedImage> {
  if (bytes.length > limits.maxBytes) {
    throw new ApiProblem(413, 'image-too-large', 'Image too large', `The image has ${bytes.length} bytes; the limit is ${limits.maxBytes}.`, [
      { field, message: `must be at most ${limits.maxBytes} bytes` },
    ]);
  }
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !(ACCEPTED_IMAGE_TYPES as readonly string[]).includes(detected.mime)) {
    throw new ApiProblem(415, 'unsupported-image-type', 'Unsupported image type', `Send a JPEG, PNG or WebP image${detected ? ` (this is ${detected.mime})` : ' (the bytes are not a recognised image)'}.`, [
      { field, message: 'must be a JPEG, PNG or WebP image' },
    ]);
  }
  let width = 0;
  let height = 0;
  try {
    const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
    width = metadata.width ?? 0;
    height = metadata.height ?? 0;
  } catch {
    throw new ApiProblem(415, 'unreadable-image', 'Image cannot be decoded', 'The image header is damaged or truncated.', [{ field, message: 'is not a decodable image' }]);
  }
  if (width <= 0 || height <= 0) {
    throw new ApiProblem(415, 'unreadable-image', 'Image cannot be decoded', 'The image has no dimensions.', [{ field, message: 'is not a decodable image' }]);
  }
  if (width * height > limits.maxPixels) {
    throw new ApiProblem(413, 'image-too-many-pixels', 'Image has too many pixels', `The image is ${width}x${height}; the limit is ${limits.maxPixels} pixels.`, [
      { field, message: `must have at most ${limits.maxPixels} pixels` },
    ]);
  }
  await decodeWhole(bytes, limits.maxPixels, field);
  return { mimeType: detected.mime as AcceptedImageType, width, height, byteSize: bytes.length };
}

/** Base64 as RFC 4648 writes it (padding optional, no line breaks): `Buffer.from` would skip any other character without a word. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of an image sent inline as base64, or 400 `invalid-base64` naming the field. */
export function decodeBase64Image(text: string, field: string): Buffer {
  if (text.length % 4 === 1 || !BASE64.test(text)) {
    throw new ApiProblem(400, 'invalid-base64', 'Invalid base64', 'The image is not base64 (RFC 4648, without line breaks).', [{ field, message: 'must be base64' }]);
  }
  return Buffer.from(text, 'base64');
}

/**
 * Decodes every byte of the image. The output is a thumbnail read sequentially, so memory stays
 * small whatever the (already bounded) pixel count: JPEG decodes at reduced scale but still
 * reads all of its entropy-coded data, so a cut-off file fails like it would at full size.
 */
const DECODE_CHECK_SIZE = 64;

async function decodeWhole(bytes: Buffer, maxPixels: number, field: string): Promise<void> {
  try {
    await sharp(bytes, { failOn: 'truncated', limitInputPixels: maxPixels, sequentialRead: true })
      .resize({ width: DECODE_CHECK_SIZE, height: DECODE_CHECK_SIZE, fit: 'inside' })
      .raw()
      .toBuffer();
  } catch {
    throw new ApiProblem(422, 'image-undecodable', 'Image cannot be decoded', 'The image is truncated or corrupt: its data ends or breaks before the picture is complete.', [
      { field, message: 'is not a complete, decodable image' },
    ]);
  }
}
