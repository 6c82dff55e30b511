/**
 * Gets one listing picture under the outbound rules (workers/http: public addresses only, no
 * redirects followed, a total deadline, a byte cap) and checks it is a JPEG, PNG or WebP within
 * the pixel limit that decodes whole. Never throws for a bad picture: a refusal or a broken
 * file is an answer (`failure`), which the screening records as a signal.
 */
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { outboundFetch } from '../http/outboundFetch.ts';
import { OutboundBlockedAddressError, OutboundRequestError, OutboundResponseTooLargeError } from '../http/errors.ts';

export type ImageFailure =
  | 'blocked_address'
  | 'timeout'
  | 'network'
  | 'http_error'
  | 'redirect_refused'
  | 'too_large'
  | 'not_an_image'
  | 'too_many_pixels'
  | 'undecodable';

export interface ImageLimits {
  timeoutMs: number;
  maxBytes: number;
  maxPixels: number;
  allowPrivateNetwork: boolean;
}

export type AcquiredImage =
  | { ok: true; bytes: Buffer; mimeType: string; width: number; height: number }
  | { ok: false; failure: ImageFailure; detail: string };

const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp']);
const refused = (failure: ImageFailure, detail: string): AcquiredImage => ({ ok: false, failure, detail });

export async function inspectImage(bytes: Buffer, maxBytes: number, maxPixels: number): Promise<AcquiredImage> {
  if (bytes.length > maxBytes) return refused('too_large', `${bytes.length} bytes; the limit is ${maxBytes}`);
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !ACCEPTED.has(type.mime)) return refused('not_an_image', type ? `${type.mime} is not JPEG, PNG or WebP` : 'the bytes are not a recognised image');
  let width = 0;
  let height = 0;
  try {
    const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
    width = metadata.width ?? 0;
    height = metadata.height ?? 0;
  } catch {
    return refused('undecodable', 'the image header cannot be read');
  }
  if (width <= 0 || height <= 0) return refused('undecodable', 'the image has no dimensions');
  if (width * height > maxPixels) return refused('too_many_pixels', `${width}x${height}; the limit is ${maxPixels} pixels`);
  try {
    await sharp(bytes, { failOn: 'truncated', limitInputPixels: maxPixels, sequentialRead: true }).resize({ width: 64, height: 64, fit: 'inside' }).raw().toBuffer();
  } catch {
    return refused('undecodable', 'the image is truncated or corrupt');
  }
  return { ok: true, bytes, mimeType: type.mime, width, height };
}

export async function fetchImage(url: string, limits: ImageLimits): Promise<AcquiredImage> {
  let response;
  try {
    response = await outboundFetch(url, { timeoutMs: limits.timeoutMs, maxResponseBytes: limits.maxBytes, allowPrivateNetwork: limits.allowPrivateNetwork, headers: { accept: 'image/jpeg, image/png, image/webp' } });
  } catch (error) {
    if (error instanceof OutboundResponseTooLargeError) return refused('too_large', error.message);
    if (error instanceof OutboundBlockedAddressError) return refused('blocked_address', error.message);
    if (error instanceof OutboundRequestError) return refused(error.code === 'timeout' ? 'timeout' : 'network', error.message);
    throw error;
  }
  if (response.status >= 300 && response.status < 400) return refused('redirect_refused', `HTTP ${response.status}: redirects are not followed`);
  if (response.status !== 200) return refused('http_error', `HTTP ${response.status}`);
  return await inspectImage(Buffer.from(response.body), limits.maxBytes, limits.maxPixels);
}
