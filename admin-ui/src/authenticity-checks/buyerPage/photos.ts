/**
 * A photo as the page sends it, and the code read from it on the phone: the browser's own
 * `BarcodeDetector` where it has one and its answer needs no GS1 decoding (a Digital Link URL or
 * a plain number), else ZXing compiled to WebAssembly (`zxing-wasm`, the reader the worker
 * uses), loaded only when needed and served with the page (never from a CDN).
 */
/** Photos larger than this are scaled down on the phone before they are sent (the API takes 8 MiB). */
const MAX_SIDE = 2400;
const MAX_BYTES = 4 * 1024 * 1024;

export async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return btoa(binary);
}

/** The photo as taken when it is small enough, else scaled to MAX_SIDE as a JPEG. */
export async function sendable(file: File): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  if (scale === 1 && file.size <= MAX_BYTES && /^image\/(jpeg|png|webp)$/.test(file.type)) return file;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return await new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the photo could not be prepared'))), 'image/jpeg', 0.92));
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(image: ImageBitmapSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;

async function readWithBrowser(photo: Blob): Promise<string | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    const found = await new Detector({ formats: ['qr_code', 'data_matrix', 'ean_13', 'ean_8', 'upc_a', 'upc_e'] }).detect(await createImageBitmap(photo));
    // a GS1 element string comes raw (separators, no brackets): ZXing reads those better
    return found.map((code) => code.rawValue).find((value) => /^https?:\/\//.test(value) || /^\d{8,14}$/.test(value)) ?? null;
  } catch {
    return null;
  }
}

let zxing: Promise<typeof import('./zxingReader.ts')> | null = null;

async function readWithZxing(photo: Blob): Promise<string | null> {
  zxing ??= import('./zxingReader.ts');
  try {
    const { readBarcodes } = await zxing;
    const results = await readBarcodes(photo, { formats: ['QRCode', 'DataMatrix', 'EANUPC', 'Code128', 'DataBar'], tryHarder: true, textMode: 'HRI', maxNumberOfSymbols: 4 });
    return results.find((result) => result.isValid && result.text)?.text ?? null;
  } catch {
    return null;
  }
}

/** The code printed on the photo, or null when the phone cannot read one (the buyer may type it). */
export async function readCodeOnPhone(photo: Blob): Promise<string | null> {
  return (await readWithBrowser(photo)) ?? (await readWithZxing(photo));
}
