/**
 * Test tooling: labels and codes drawn with bwip-js and sharp, and photographed badly on purpose
 * (blurred, darkened, shrunk), for the photo detectors' tests.
 */
import bwipjs from 'bwip-js/node';
import sharp from 'sharp';

/** A barcode as bwip-js draws it; `lint: false` draws a GS1 code whose check digit is wrong, as a counterfeiter's printer would. */
export async function barcode(bcid: string, text: string, { scale = 4, lint = true }: { scale?: number; lint?: boolean } = {}): Promise<Buffer> {
  return await bwipjs.toBuffer({ bcid, text, scale, includetext: false, ...(lint ? {} : { dontlint: true }) });
}

/** A product label (brand, model, batch) on cream paper with a code in its corner, 1200x900. */
export async function label({ code, brand = 'BRUSH CO' }: { code?: Buffer; brand?: string } = {}): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900"><rect width="100%" height="100%" fill="#f4efe4"/>
    <text x="60" y="140" font-family="sans-serif" font-size="90" font-weight="bold">${brand}</text>
    <text x="60" y="240" font-family="sans-serif" font-size="44">Detangling brush, model DB-200</text>
    <text x="60" y="300" font-family="sans-serif" font-size="36">Batch L42 - Made in Germany</text></svg>`;
  const base = sharp(Buffer.from(svg));
  return await (code ? base.composite([{ input: code, left: 640, top: 380 }]) : base).jpeg({ quality: 90 }).toBuffer();
}

/** A close-up of a code on white, as a buyer frames it: 1000x800. */
export async function codeCloseUp(code: Buffer): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(code).metadata();
  // whole multiples keep every module the same size
  const scale = Math.max(1, Math.floor(Math.min(700 / width, 600 / height)));
  const fitted = await sharp(code).resize(width * scale, height * scale, { kernel: 'nearest' }).toBuffer();
  return await sharp({ create: { width: 1000, height: 800, channels: 3, background: '#ffffff' } }).composite([{ input: fitted, gravity: 'centre' }]).jpeg({ quality: 90 }).toBuffer();
}

export const blurred = async (photo: Buffer, sigma: number) => await sharp(photo).blur(sigma).jpeg({ quality: 90 }).toBuffer();
export const darkened = async (photo: Buffer, factor: number) => await sharp(photo).linear(factor, 0).jpeg({ quality: 90 }).toBuffer();
export const shrunk = async (photo: Buffer, width: number) => await sharp(photo).resize(width).jpeg({ quality: 90 }).toBuffer();

/** A plain product shot: a dark brush head on a wooden table, few edges when in focus too. */
export async function productShot(): Promise<Buffer> {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900"><rect width="100%" height="100%" fill="#a0683a"/><ellipse cx="600" cy="420" rx="320" ry="210" fill="#2b2b2b"/><rect x="560" y="600" width="80" height="260" fill="#3a3a3a"/></svg>';
  return await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}
