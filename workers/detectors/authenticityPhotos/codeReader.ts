/**
 * Reads the barcodes on a buyer's photo (QR, GS1 DataMatrix, EAN/UPC, GS1-128, DataBar) with
 * ZXing-C++ compiled to WebAssembly (`zxing-wasm`), from pixels sharp decodes. The WebAssembly
 * file is read from node_modules: by default the library fetches it from a CDN at run time, which
 * a worker must never depend on, so the module is given the bytes and a local path.
 *
 * Text comes in ZXing's human-readable form: a GS1 code as an element string with its AIs in
 * brackets, which the product-code parser reads like a typed one.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';

export interface PhotoCode {
  /** ZXing's name for the symbology: DataMatrix, QRCode, EAN13, Code128, … */
  format: string;
  text: string;
  symbologyIdentifier: string;
}

/** Larger photos are read at this longest side: a phone's 12 MP photo takes seconds at full size and reads no better. */
export const CODE_READ_MAX_SIDE = 2000;

const require = createRequire(import.meta.url);
let ready: Promise<unknown> | null = null;

function prepare(): Promise<unknown> {
  ready ??= (async () => {
    const wasmPath = require.resolve('zxing-wasm/reader/zxing_reader.wasm');
    const wasm = await readFile(wasmPath);
    const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer;
    // the module still asks where its file is; with the bytes given it reads nothing from there
    return await prepareZXingModule({ overrides: { wasmBinary, locateFile: () => wasmPath }, fireImmediately: true });
  })();
  return ready;
}

// the symbologies products carry (ZXing's `AllGS1` means symbols in GS1 mode only: a Digital Link QR code is not one)
const options: ReaderOptions = { formats: ['QRCode', 'DataMatrix', 'Aztec', 'EANUPC', 'Code128', 'DataBar', 'DataBarExp', 'DataBarLtd', 'ITF'], tryHarder: true, tryRotate: true, tryInvert: true, tryDownscale: true, textMode: 'HRI', maxNumberOfSymbols: 8 };

/** Every barcode ZXing finds on the photo (none when it finds none). */
export async function readCodesInPhoto(bytes: Buffer, maxPixels: number): Promise<PhotoCode[]> {
  await prepare();
  const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels })
    .rotate()
    .resize({ width: CODE_READ_MAX_SIDE, height: CODE_READ_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, colorSpace: 'srgb' as const };
  const results = await readBarcodes(pixels as unknown as ImageData, options);
  return results.filter((result) => result.isValid && result.text.length > 0).map((result) => ({ format: result.format, text: result.text, symbologyIdentifier: result.symbologyIdentifier }));
}
