/**
 * Reads an identity document photo: prepare the image (preprocess.ts), OCR the MRZ band with the
 * legacy and LSTM Tesseract engines side by side and fuse them (ocrFusion.ts); if that does not
 * give an MRZ whose check digits all hold, do the same on the whole page; merge the readings field
 * by field (mrzMerge.ts). An image without a readable MRZ gives `format: null`, never an error;
 * only an undecodable or oversized image throws (DocumentImageError).
 */
import { performance } from 'node:perf_hooks';
import type { DocumentCheckDigits, DocumentFields, DocumentReading } from './documentReading.ts';
import { findMrz, interpretMrz, type MrzReading, type RepairedMrz } from './mrz.ts';
import { birthDateFromMrz, expiryDateFromMrz } from './mrzDates.ts';
import { mergeMrzReadings } from './mrzMerge.ts';
import { createMrzOcr } from './ocr.ts';
import { fuseOcrLines } from './ocrFusion.ts';
import { prepareDocumentImage } from './preprocess.ts';

export { DocumentImageError } from './preprocess.ts';
export type { DocumentReading } from './documentReading.ts';

export interface DocumentReaderOptions {
  /** images with more pixels are refused before decoding */
  maxPixels: number;
  /** only used to place two-digit birth years in the right century */
  clock?: () => Date;
}

export interface DocumentReader {
  read(image: Buffer): Promise<DocumentReading>;
  close(): Promise<void>;
}

const isComplete = (reading: RepairedMrz | null): boolean => reading !== null && Object.values(reading.checkDigits).every(Boolean);

function toSex(mrzSex: string): DocumentFields['sex'] {
  return mrzSex === 'M' || mrzSex === 'F' ? mrzSex : 'X';
}

function toReading(mrz: MrzReading | null, today: string, durationMs: number): DocumentReading {
  if (!mrz) return { format: null, fields: null, checkDigits: null, ocrConfidence: 0, nameTruncated: false, mrzRepairs: 0, durationMs };
  const { fields, checkDigits } = mrz;
  const digits: DocumentCheckDigits = {
    documentNumber: checkDigits.documentNumber ?? false,
    birthDate: checkDigits.birthDate ?? false,
    expiryDate: checkDigits.expiryDate ?? false,
    composite: checkDigits.composite ?? false,
    ...(checkDigits.personalNumber === undefined ? {} : { personalNumber: checkDigits.personalNumber }),
  };
  return {
    format: mrz.format,
    fields: {
      surname: fields.surname,
      givenNames: fields.givenNames,
      documentNumber: fields.documentNumber,
      nationality: fields.nationality,
      issuingState: fields.issuingState,
      birthDate: birthDateFromMrz(fields.birthDate, today),
      expiryDate: expiryDateFromMrz(fields.expiryDate),
      sex: toSex(fields.sex),
    },
    checkDigits: digits,
    ocrConfidence: Math.round(mrz.confidence * 1000) / 1000,
    nameTruncated: mrz.nameTruncated,
    mrzRepairs: mrz.repairs,
    durationMs,
  };
}

export function createDocumentReader({ maxPixels, clock = () => new Date() }: DocumentReaderOptions): DocumentReader {
  // One worker per engine: the two read the same image concurrently.
  const legacy = createMrzOcr({ engine: 'legacy' });
  const lstm = createMrzOcr({ engine: 'lstm' });

  /** Readings of one image: fused first (better glyphs, so better names), then legacy alone. */
  async function readImage(image: Buffer): Promise<(RepairedMrz | null)[]> {
    const [legacyLines, lstmLines] = await Promise.all([legacy.recognizeLines(image), lstm.recognizeLines(image)]);
    return [findMrz(fuseOcrLines(legacyLines, lstmLines)), findMrz(legacyLines)];
  }

  return {
    async read(image) {
      const started = performance.now();
      const prepared = await prepareDocumentImage(image, { maxPixels });
      const readings = await readImage(prepared.mrzBand);
      let merged = mergeMrzReadings(readings);
      if (!isComplete(merged)) {
        readings.push(...(await readImage(prepared.page)));
        merged = mergeMrzReadings(readings);
      }
      const durationMs = Math.round(performance.now() - started);
      return toReading(merged ? interpretMrz(merged) : null, clock().toISOString().slice(0, 10), durationMs);
    },
    async close() {
      await Promise.all([legacy.close(), lstm.close()]);
    },
  };
}
