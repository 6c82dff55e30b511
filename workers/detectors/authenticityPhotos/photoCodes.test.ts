import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCodesInPhoto } from './codeReader.ts';
import { photoCodeSignals, type PhotoWithCodes } from './photoCodes.ts';
import { barcode, blurred, codeCloseUp, label } from './renderedPhotos.ts';

const MAX_PIXELS = 40_000_000;
const GTIN = '09506000134352';

const codesOf = async (photo: Buffer) => (await readCodesInPhoto(photo, MAX_PIXELS)).map((code) => code.text);
const photoOf = async (photo: Buffer, kind: PhotoWithCodes['kind'] = 'code', position = 0): Promise<PhotoWithCodes> => ({ position, kind, codes: await readCodesInPhoto(photo, MAX_PIXELS) });

describe('reading codes from photos (zxing-wasm)', () => {
  it('reads a GS1 DataMatrix, a Digital Link QR code and an EAN-13 from rendered photos', async () => {
    expect(await codesOf(await codeCloseUp(await barcode('gs1datamatrix', `(01)${GTIN}(21)AB000001`)))).toEqual([`(01)${GTIN}(21)AB000001`]);
    expect(await codesOf(await codeCloseUp(await barcode('qrcode', `https://id.gs1.org/01/${GTIN}/21/AB000001`)))).toEqual([`https://id.gs1.org/01/${GTIN}/21/AB000001`]);
    expect(await codesOf(await label({ code: await barcode('ean13', '400638133393', { scale: 3 }) }))).toEqual(['4006381333931']);
  });

  it('finds nothing on a label without a code, or on a code blurred past reading', async () => {
    expect(await codesOf(await label())).toEqual([]);
    expect(await codesOf(await blurred(await label({ code: await barcode('gs1datamatrix', `(01)${GTIN}(21)AB000001`, { scale: 2 }) }), 6))).toEqual([]);
  });

  it('loads its WebAssembly from node_modules, never from the network', () => {
    const source = readFileSync(new URL('./codeReader.ts', import.meta.url), 'utf8');
    expect(source).toMatch(/require\.resolve\('zxing-wasm\/reader\/zxing_reader\.wasm'\)/);
    expect(source).toMatch(/wasmBinary/);
  });
});

describe('codes on photos against the code sent', () => {
  it('agrees when the photo carries the code that was typed, and offers the code when none was typed', async () => {
    const photo = await photoOf(await codeCloseUp(await barcode('gs1datamatrix', `(01)${GTIN}(21)AB000001`)));
    const agreed = photoCodeSignals({ photos: [photo], claimedCode: `https://id.gs1.org/01/${GTIN}/21/AB000001`, brandPrintsCodes: true });
    expect(agreed.signals.map((signal) => signal.code)).toEqual(['authenticity.photo_code_agrees']);
    const untyped = photoCodeSignals({ photos: [photo], claimedCode: null, brandPrintsCodes: true });
    expect(untyped.signals).toMatchObject([{ code: 'authenticity.photo_code_read', evidence: { gtin: GTIN, serial: 'AB000001', format: 'DataMatrix' } }]);
    expect(untyped.readCode).toBe(`(01)${GTIN}(21)AB000001`);
    expect(untyped.readCodes).toEqual([{ raw: `(01)${GTIN}(21)AB000001`, position: 0 }]);
  });

  it('says when the printed code is another unit than the one sent', async () => {
    const photo = await photoOf(await codeCloseUp(await barcode('gs1datamatrix', `(01)${GTIN}(21)AB000002`)));
    const result = photoCodeSignals({ photos: [photo], claimedCode: `(01)${GTIN}(21)AB000001`, brandPrintsCodes: true });
    expect(result.signals).toMatchObject([{ code: 'authenticity.photo_code_mismatch', severity: 'high', evidence: { serial: 'AB000002', claimed: { serial: 'AB000001' } } }]);
  });

  it('calls a printed GTIN whose check digit fails hard evidence, and never offers it as the code', async () => {
    const photo = await photoOf(await codeCloseUp(await barcode('gs1datamatrix', '(01)09506000134353(21)AB000001', { lint: false })));
    const result = photoCodeSignals({ photos: [photo], claimedCode: null, brandPrintsCodes: true });
    expect(result.signals).toMatchObject([{ code: 'authenticity.photo_code_check_digit_invalid', severity: 'critical', score: 1, evidence: { gtin: '09506000134353', format: 'DataMatrix' } }]);
    expect(result.readCode).toBeNull();
    expect(result.readCodes).toEqual([]);
  });

  it('asks for the code photo again when the brand prints codes and none can be read', async () => {
    const photo = await photoOf(await blurred(await label({ code: await barcode('gs1datamatrix', `(01)${GTIN}(21)AB000001`, { scale: 2 }) }), 6), 'code', 1);
    const result = photoCodeSignals({ photos: [photo], claimedCode: `(01)${GTIN}(21)AB000001`, brandPrintsCodes: true });
    expect(result.signals).toMatchObject([{ code: 'authenticity.photo_code_unreadable', evidence: { retake: { position: 1, kind: 'code', reason: 'code_unreadable' } } }]);
    // a brand that prints no codes is not asked about
    expect(photoCodeSignals({ photos: [photo], claimedCode: null, brandPrintsCodes: false }).signals).toEqual([]);
  });

  it('asks for the label again only when nothing else could carry the code', () => {
    const labelPhoto: PhotoWithCodes = { position: 0, kind: 'label', codes: [] };
    expect(photoCodeSignals({ photos: [labelPhoto], claimedCode: null, brandPrintsCodes: true }).signals.map((signal) => signal.code)).toEqual(['authenticity.photo_code_unreadable']);
    expect(photoCodeSignals({ photos: [labelPhoto], claimedCode: `(01)${GTIN}(21)AB000001`, brandPrintsCodes: true }).signals).toEqual([]);
  });

  it('keeps a code that is not GS1 (a brand site QR) out of the comparison', () => {
    const photo: PhotoWithCodes = { position: 0, kind: 'label', codes: [{ format: 'QRCode', text: 'https://brush.example/care', symbologyIdentifier: ']Q1' }] };
    expect(photoCodeSignals({ photos: [photo], claimedCode: `(01)${GTIN}(21)AB000001`, brandPrintsCodes: true }).signals).toEqual([]);
  });
});
