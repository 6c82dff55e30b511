/**
 * From OCR lines to a validated MRZ reading: find candidate lines (mrzLines.ts), repair them by
 * field position (mrzRepair.ts) and with the check digits (mrzCheckDigitRepair.ts); several
 * readings of one document can be merged field by field (mrzMerge.ts); the result is parsed with
 * the `mrz` package, which also reports which check digits hold.
 */
import { type Details, type FieldName, parse } from 'mrz';
import { type CheckDigitResults, repairWithCheckDigits } from './mrzCheckDigitRepair.ts';
import { type MrzFormat, type MrzLayout, sliceSpan } from './mrzLayout.ts';
import { findMrzCandidates, type OcrLine } from './mrzLines.ts';
import { repairByPosition } from './mrzRepair.ts';

/** Fixed-length MRZ lines after repair, before interpretation. */
export interface RepairedMrz {
  layout: MrzLayout;
  lines: string[];
  /** our own check-digit computation, used to rank and merge readings */
  checkDigits: CheckDigitResults;
  /** characters changed by position repair and check-digit swaps */
  repairs: number;
  /** 0..1, mean OCR confidence of the MRZ lines */
  confidence: number;
}

/** Raw MRZ values: dates stay YYMMDD here, readDocument.ts turns them into calendar dates. */
export interface MrzFields {
  documentCode: string;
  issuingState: string;
  surname: string;
  givenNames: string;
  documentNumber: string;
  nationality: string;
  birthDate: string;
  sex: string;
  expiryDate: string;
  personalNumber: string | null;
}

export interface MrzReading {
  format: MrzFormat;
  lines: string[];
  fields: MrzFields;
  /** as reported by the `mrz` package */
  checkDigits: CheckDigitResults;
  repairs: number;
  /** the name filled its whole field, so ICAO truncation may have cut it */
  nameTruncated: boolean;
  confidence: number;
}

export const validCount = (reading: { checkDigits: CheckDigitResults }): number => Object.values(reading.checkDigits).filter(Boolean).length;

/** Every combination of per-line variants (at most a few per line). */
function combinations(lineVariants: readonly string[][]): string[][] {
  return lineVariants.reduce<string[][]>((partial, variants) => partial.flatMap((prefix) => variants.map((variant) => [...prefix, variant])), [[]]);
}

/** The most consistent MRZ in the OCR lines (most valid check digits, fewest repairs), or null. */
export function findMrz(ocrLines: readonly OcrLine[]): RepairedMrz | null {
  let best: RepairedMrz | null = null;
  for (const candidate of findMrzCandidates(ocrLines).slice(0, 3)) {
    for (const lines of combinations(candidate.lineVariants)) {
      const positioned = repairByPosition(candidate.layout, lines);
      const repaired = repairWithCheckDigits(candidate.layout, positioned.lines);
      const attempt: RepairedMrz = {
        layout: candidate.layout,
        lines: repaired.lines,
        checkDigits: repaired.checkDigits,
        // Characters added or cut to fit the length count as repairs: between readings that
        // validate equally, the layout the OCR lines already fit wins.
        repairs: positioned.changes + repaired.swaps + candidate.lengthMisfit,
        confidence: candidate.confidence,
      };
      const gain = best ? validCount(attempt) - validCount(best) : 1;
      if (!best || gain > 0 || (gain === 0 && attempt.repairs < best.repairs)) best = attempt;
    }
  }
  return best;
}

const checkDigitFields: Partial<Record<FieldName, keyof CheckDigitResults>> = {
  documentNumberCheckDigit: 'documentNumber',
  birthDateCheckDigit: 'birthDate',
  expirationDateCheckDigit: 'expiryDate',
  personalNumberCheckDigit: 'personalNumber',
  compositeCheckDigit: 'composite',
};

function fromDetails(details: readonly Details[]): CheckDigitResults {
  const results: CheckDigitResults = {};
  for (const detail of details) {
    const name = detail.field ? checkDigitFields[detail.field] : undefined;
    if (name) results[name] = detail.valid;
  }
  return results;
}

const readable = (raw: string): string => raw.replace(/</g, ' ').replace(/\s+/g, ' ').trim();

/**
 * OCR reads the filler `<` as K more often than as any other letter. A name field with no `<<`
 * (which separates surname from given names) but a lone K between fillers lost its separator that
 * way: "RAGHUNATHAN<K<PRIYA" is RAGHUNATHAN, PRIYA. A field that has its separator is left alone,
 * so a real middle initial K after it stays.
 */
export function restoreNameSeparator(name: string): string {
  const filled = name.replace(/<+$/, ''); // the fillers after the last name part are no separator
  return filled.includes('<<') ? name : name.replace(/([A-Z])<K<([A-Z])/, '$1<<<$2');
}

function extractFields(layout: MrzLayout, lines: string[], parsed: ReturnType<typeof parse> | null): MrzFields {
  const raw = (field: keyof MrzLayout['fields']): string => {
    const span = layout.fields[field];
    return span ? sliceSpan(lines, span) : '';
  };
  // The `mrz` package nulls values it considers invalid (e.g. ICAO's specimen state UTO, or a
  // name with a stray digit): fall back to the raw characters, since validity is reported apart.
  const name = raw('name');
  const restored = restoreNameSeparator(name);
  const [surnamePart = '', ...givenParts] = restored.split('<<');
  // the package split the unrestored field: its names are wrong when the separator was restored
  const names = restored === name ? parsed?.fields : undefined;
  const personalNumber = layout.fields.personalNumber ? readable(raw('personalNumber')) : null;
  return {
    documentCode: readable(raw('documentCode')),
    issuingState: readable(raw('issuingState')),
    surname: names?.lastName ?? readable(surnamePart),
    givenNames: names?.firstName ?? readable(givenParts.join('<')),
    documentNumber: parsed?.fields.documentNumber ?? readable(raw('documentNumber')),
    nationality: readable(raw('nationality')),
    birthDate: raw('birthDate'),
    sex: raw('sex'),
    expiryDate: raw('expiryDate'),
    personalNumber: personalNumber === '' ? null : personalNumber,
  };
}

function parseQuietly(lines: string[]): ReturnType<typeof parse> | null {
  try {
    return parse(lines);
  } catch {
    // Only thrown for a line count or length the package does not know; ours are fitted.
    return null;
  }
}

/** Parses repaired lines with the `mrz` package into fields and check-digit results. */
export function interpretMrz(repaired: RepairedMrz): MrzReading {
  const { layout, lines } = repaired;
  const parsed = parseQuietly(lines);
  const nameSpan = layout.fields.name;
  const lastNameCharacter = nameSpan ? (lines[nameSpan.line] ?? '').charAt(nameSpan.end - 1) : '<';
  return {
    format: layout.format,
    lines,
    fields: extractFields(layout, lines, parsed),
    checkDigits: parsed ? fromDetails(parsed.details) : repaired.checkDigits,
    repairs: repaired.repairs,
    nameTruncated: lastNameCharacter !== '<',
    confidence: repaired.confidence,
  };
}

/** The best MRZ reading in one set of OCR lines, or null when none looks like an MRZ. */
export function readMrz(ocrLines: readonly OcrLine[]): MrzReading | null {
  const repaired = findMrz(ocrLines);
  return repaired ? interpretMrz(repaired) : null;
}
