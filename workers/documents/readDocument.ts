/**
 * Reads an identity document photo: decode it and cut it down to the card (preprocess.ts), then
 * OCR views of the card in every quarter turn, cheapest pass first (the MRZ band with the legacy
 * Tesseract engine, then the LSTM engine fused with it (ocrFusion.ts), then the whole card), and
 * stop at the first reading whose check digits all hold; readings of one orientation are merged
 * field by field (mrzMerge.ts). An image without a readable MRZ gives `format: null`, never an
 * error; only an undecodable, truncated or oversized image throws (DocumentImageError).
 */
import { performance } from 'node:perf_hooks';
import type { DocumentCheckDigits, DocumentFields, DocumentReading } from './documentReading.ts';
import { findMrz, interpretMrz, type MrzReading, type RepairedMrz, validCount } from './mrz.ts';
import { birthDateFromMrz, expiryDateFromMrz } from './mrzDates.ts';
import { sliceSpan } from './mrzLayout.ts';
import { mergeMrzReadings } from './mrzMerge.ts';
import type { OcrLine } from './mrzLines.ts';
import { createMrzOcr, type MrzOcr } from './ocr.ts';
import { fuseOcrLines } from './ocrFusion.ts';
import type { QuarterTurns } from './orientation.ts';
import { turnOrder } from './orientation.ts';
import { type DocumentCard, orientCard, type PreparedDocument, prepareCard } from './preprocess.ts';
import { repairStateCode } from './stateCodeRepair.ts';

export { DocumentImageError } from './preprocess.ts';
export type { DocumentReading } from './documentReading.ts';

export interface DocumentReaderOptions {
  /** images with more pixels are refused before decoding */
  maxPixels: number;
  /** only used to place two-digit birth years in the right century */
  clock?: () => Date;
  /**
   * Tesseract workers per engine (worker threads; default 2, the worker process sets OCR_THREADS):
   * each holds its model (~100 MB) and reads one image at a time, so concurrent activities need several.
   */
  ocrWorkers?: number;
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
    mrzLines: mrz.lines,
    fields: {
      documentCode: fields.documentCode,
      surname: fields.surname,
      givenNames: fields.givenNames,
      documentNumber: fields.documentNumber,
      nationality: repairStateCode(fields.nationality).code,
      issuingState: repairStateCode(fields.issuingState).code,
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

type Engine = 'legacy' | 'lstm';
type Region = 'mrzBand' | 'page';
/**
 * OCR passes over one view of the card, likeliest first. The legacy engine goes first: on OCR-B
 * it keeps every `<` of a filler run, so its lines have the layout's length and its check digits
 * decide; the LSTM engine reads glyphs better but invents filler lengths, so it comes second and
 * is fused with the legacy lines.
 */
const passes: { region: Region; engine: Engine; orientations: number }[] = [
  { region: 'mrzBand', engine: 'legacy', orientations: 4 },
  { region: 'mrzBand', engine: 'lstm', orientations: 2 },
  { region: 'page', engine: 'legacy', orientations: 2 },
  { region: 'page', engine: 'lstm', orientations: 1 },
];

/** Everything read so far from one orientation of the card. */
interface OrientationState {
  turns: QuarterTurns;
  /** prepared on first use: most photos are read in their first orientation */
  view: () => Promise<PreparedDocument>;
  lines: Partial<Record<`${Region}:${Engine}`, OcrLine[]>>;
  /** fused readings first (better glyphs, so better names), then single engines */
  readings: (RepairedMrz | null)[];
  merged: RepairedMrz | null;
}

export function createDocumentReader({ maxPixels, clock = () => new Date(), ocrWorkers = 2 }: DocumentReaderOptions): DocumentReader {
  const engines: Record<Engine, MrzOcr> = { legacy: createMrzOcr({ engine: 'legacy', workers: ocrWorkers }), lstm: createMrzOcr({ engine: 'lstm', workers: ocrWorkers }) };

  async function runPass(state: OrientationState, region: Region, engine: Engine): Promise<void> {
    const view = await state.view();
    const lines = await engines[engine].recognizeLines(view[region]);
    state.lines[`${region}:${engine}`] = lines;
    state.readings.push(findMrz(lines));
    const legacyLines = state.lines[`${region}:legacy`];
    const lstmLines = state.lines[`${region}:lstm`];
    if (legacyLines && lstmLines) state.readings.unshift(findMrz(fuseOcrLines(legacyLines, lstmLines)));
    state.merged = mergeMrzReadings(state.readings);
  }

  /**
   * The check digits vouch for numbers and dates, never for the name. The legacy engine reads
   * OCR-B's W as N, H or U (NOWAK as NONAK) where the LSTM engine does not, so a name read by the
   * legacy engine alone that holds one of those letters is read again with the LSTM engine and the
   * two fused; the fused reading is kept when its check digits still all hold.
   */
  async function withCheckedName(state: OrientationState, pass: (typeof passes)[number]): Promise<RepairedMrz | null> {
    const complete = state.merged;
    const nameSpan = complete?.layout.fields.name;
    const name = complete && nameSpan ? sliceSpan(complete.lines, nameSpan) : '';
    if (pass.engine !== 'legacy' || state.lines[`${pass.region}:lstm`] || !/[NHUVQM]/.test(name)) return complete;
    await runPass(state, pass.region, 'lstm');
    return isComplete(state.merged) ? state.merged : complete;
  }

  /**
   * Each pass runs over the orientations still in play and stops at the first merged reading
   * whose check digits all hold. After the first pass, orientations where something MRZ-like was
   * read come first, best first.
   */
  async function readCard(card: DocumentCard): Promise<RepairedMrz | null> {
    const states: OrientationState[] = turnOrder(card.sideways).map((turns) => {
      let view: Promise<PreparedDocument> | null = null;
      return { turns, view: () => (view ??= orientCard(card.image, turns)), lines: {}, readings: [], merged: null };
    });
    let inPlay = states;
    for (const [index, pass] of passes.entries()) {
      // Later, dearer passes only over the likeliest orientations: an unreadable photo must not
      // cost sixteen OCR runs.
      for (const state of inPlay.slice(0, pass.orientations)) {
        await runPass(state, pass.region, pass.engine);
        if (isComplete(state.merged)) return await withCheckedName(state, pass);
      }
      if (index === 0) {
        const promising = states.filter((state) => state.merged !== null).sort((a, b) => validCount(b.merged ?? { checkDigits: {} }) - validCount(a.merged ?? { checkDigits: {} }));
        inPlay = [...promising, ...states.filter((state) => !promising.includes(state))];
      }
    }
    return states.reduce<RepairedMrz | null>((best, state) => (state.merged && (!best || validCount(state.merged) > validCount(best)) ? state.merged : best), null);
  }

  return {
    async read(image) {
      const started = performance.now();
      const card = await prepareCard(image, { maxPixels });
      const merged = await readCard(card);
      const durationMs = Math.round(performance.now() - started);
      return toReading(merged ? interpretMrz(merged) : null, clock().toISOString().slice(0, 10), durationMs);
    },
    async close() {
      await Promise.all([engines.legacy.close(), engines.lstm.close()]);
    },
  };
}
