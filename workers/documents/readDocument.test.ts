/**
 * Reads committed fixture images for real with tesseract.js (both engines start once for the
 * file, about 1-2 s; each image takes about 0.3-1 s).
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentLabelSet } from '../../fixtures/seller-vetting/documents/syntheticDocument.ts';
import { createDocumentReader, DocumentImageError } from './readDocument.ts';

const folder = new URL('../../fixtures/seller-vetting/documents/', import.meta.url);
const labels = JSON.parse(await readFile(new URL('labels.json', folder), 'utf8')) as DocumentLabelSet;
const reader = createDocumentReader({ maxPixels: 20_000_000, clock: () => new Date(`${labels.today}T12:00:00Z`) });
afterAll(() => reader.close());

function label(file: string) {
  const found = labels.images.find((image) => image.file === file);
  if (!found) throw new Error(`no label for ${file}`);
  return found;
}

describe('createDocumentReader (tesseract.js on fixtures)', () => {
  it.each(['td3-valid-01.jpg', 'td1-valid-04.jpg', 'td3-accented-01.jpg', 'td1-rotated-02.jpg', 'td3-lowcontrast-01.jpg'])(
    'reads every MRZ field of %s',
    async (file) => {
      const { truth } = label(file);
      const reading = await reader.read(await readFile(new URL(file, folder)));
      expect(reading.format).toBe(truth.format);
      expect(reading.fields).toEqual({ documentCode: truth.format === 'TD3' ? 'P' : 'I', ...truth.fields });
      expect(reading.checkDigits).toMatchObject(truth.checkDigits ?? {});
      expect(reading.ocrConfidence).toBeGreaterThan(0.5);
      expect(reading.ocrConfidence).toBeLessThanOrEqual(1);
    },
    20_000,
  );

  it('reports the check digits a tampered document fails', async () => {
    const reading = await reader.read(await readFile(new URL('td3-check-01.jpg', folder)));
    expect(reading.checkDigits).toMatchObject({ documentNumber: true, birthDate: true, expiryDate: false, composite: false });
    // A reading that never validates goes through every pass over the likeliest orientations.
  }, 90_000);

  it('returns format null, without throwing, for an image with no document', async () => {
    const reading = await reader.read(await readFile(new URL('nodoc-product-01.jpg', folder)));
    expect(reading).toMatchObject({ format: null, fields: null, checkDigits: null, ocrConfidence: 0 });
    expect(reading.durationMs).toBeGreaterThan(0);
  }, 20_000);

  it('reads a TD2 card, and a photo turned upside down with no EXIF orientation', async () => {
    const wide = new URL('../../fixtures/seller-vetting/documents-wide/', import.meta.url);
    const td2 = await reader.read(await readFile(new URL('clean-03-td2.jpg', wide)));
    expect(td2).toMatchObject({ format: 'TD2', fields: { surname: 'ADEYEMI', givenNames: 'TUNDE', nationality: 'NGA' } });
    const upright = await readFile(new URL('td3-valid-02.jpg', folder));
    const turned = await reader.read(await sharp(upright).rotate(180).jpeg().toBuffer());
    expect(turned.fields).toEqual({ documentCode: 'P', ...label('td3-valid-02.jpg').truth.fields });
  }, 60_000);

  it('refuses a truncated JPEG as undecodable rather than reading what is left', async () => {
    const whole = await readFile(new URL('td3-valid-01.jpg', folder));
    await expect(reader.read(whole.subarray(0, Math.floor(whole.length * 0.6)))).rejects.toMatchObject({ name: 'DocumentImageError', code: 'undecodable' });
  });

  it('throws a DocumentImageError for bytes that are not an image', async () => {
    await expect(reader.read(Buffer.from('%PDF-1.4 not really'))).rejects.toBeInstanceOf(DocumentImageError);
  });
});
