/**
 * Where each ICAO 9303 field sits in the two machine-readable-zone layouts we accept (TD3
 * passports: 2 lines of 44; TD2 cards: 2 lines of 36; TD1 cards: 3 lines of 30), which kind of character each position may
 * hold, and what each check digit covers. OCR repair works from this table, by position.
 */

export type MrzFormat = 'TD1' | 'TD2' | 'TD3';

/** alpha: A-Z or `<`; numeric: 0-9 or `<`; alnum: either (ambiguous for OCR); sex: M, F, X, `<` */
export type CharacterClass = 'alpha' | 'numeric' | 'alnum' | 'sex';

export type CheckDigitName = 'documentNumber' | 'birthDate' | 'expiryDate' | 'personalNumber' | 'composite';

export interface Span {
  line: number;
  start: number;
  /** exclusive */
  end: number;
}

export interface CheckDigitRule {
  name: CheckDigitName;
  covers: Span[];
  digitAt: { line: number; index: number };
}

export type MrzField = 'documentCode' | 'issuingState' | 'name' | 'documentNumber' | 'nationality' | 'birthDate' | 'sex' | 'expiryDate' | 'optionalData' | 'optionalData2' | 'personalNumber';

export interface MrzLayout {
  format: MrzFormat;
  lineCount: number;
  lineLength: number;
  fields: Record<MrzField, Span | null>;
  /** classes[line][index] */
  classes: CharacterClass[][];
  checkDigits: CheckDigitRule[];
  /** fields whose unused tail is `<` filler, which OCR often misreads as K, C or L */
  paddedFields: MrzField[];
}

const span = (line: number, start: number, end: number): Span => ({ line, start, end });

function buildClasses(lineCount: number, lineLength: number, spans: [Span, CharacterClass][]): CharacterClass[][] {
  const classes = Array.from({ length: lineCount }, () => Array<CharacterClass>(lineLength).fill('alnum'));
  for (const [{ line, start, end }, characterClass] of spans) {
    const row = classes[line];
    if (row) row.fill(characterClass, start, end);
  }
  return classes;
}

const td3Fields: Record<MrzField, Span | null> = {
  documentCode: span(0, 0, 2),
  issuingState: span(0, 2, 5),
  name: span(0, 5, 44),
  documentNumber: span(1, 0, 9),
  nationality: span(1, 10, 13),
  birthDate: span(1, 13, 19),
  sex: span(1, 20, 21),
  expiryDate: span(1, 21, 27),
  optionalData: null,
  optionalData2: null,
  personalNumber: span(1, 28, 42),
};

export const td3Layout: MrzLayout = {
  format: 'TD3',
  lineCount: 2,
  lineLength: 44,
  fields: td3Fields,
  classes: buildClasses(2, 44, [
    [span(0, 0, 44), 'alpha'],
    [span(1, 9, 10), 'numeric'],
    [span(1, 10, 13), 'alpha'],
    [span(1, 13, 20), 'numeric'],
    [span(1, 20, 21), 'sex'],
    [span(1, 21, 28), 'numeric'],
    [span(1, 42, 44), 'numeric'],
  ]),
  checkDigits: [
    { name: 'documentNumber', covers: [span(1, 0, 9)], digitAt: { line: 1, index: 9 } },
    { name: 'birthDate', covers: [span(1, 13, 19)], digitAt: { line: 1, index: 19 } },
    { name: 'expiryDate', covers: [span(1, 21, 27)], digitAt: { line: 1, index: 27 } },
    { name: 'personalNumber', covers: [span(1, 28, 42)], digitAt: { line: 1, index: 42 } },
    { name: 'composite', covers: [span(1, 0, 10), span(1, 13, 20), span(1, 21, 43)], digitAt: { line: 1, index: 43 } },
  ],
  paddedFields: ['name', 'personalNumber'],
};

const td1Fields: Record<MrzField, Span | null> = {
  documentCode: span(0, 0, 2),
  issuingState: span(0, 2, 5),
  documentNumber: span(0, 5, 14),
  optionalData: span(0, 15, 30),
  birthDate: span(1, 0, 6),
  sex: span(1, 7, 8),
  expiryDate: span(1, 8, 14),
  nationality: span(1, 15, 18),
  optionalData2: span(1, 18, 29),
  personalNumber: null,
  name: span(2, 0, 30),
};

export const td1Layout: MrzLayout = {
  format: 'TD1',
  lineCount: 3,
  lineLength: 30,
  fields: td1Fields,
  classes: buildClasses(3, 30, [
    [span(0, 0, 5), 'alpha'],
    [span(0, 14, 15), 'numeric'],
    [span(1, 0, 7), 'numeric'],
    [span(1, 7, 8), 'sex'],
    [span(1, 8, 15), 'numeric'],
    [span(1, 15, 18), 'alpha'],
    [span(1, 29, 30), 'numeric'],
    [span(2, 0, 30), 'alpha'],
  ]),
  checkDigits: [
    // A document number longer than 9 characters overflows into the optional data; see
    // resolveCheckDigitRule in mrzRepair.ts.
    { name: 'documentNumber', covers: [span(0, 5, 14)], digitAt: { line: 0, index: 14 } },
    { name: 'birthDate', covers: [span(1, 0, 6)], digitAt: { line: 1, index: 6 } },
    { name: 'expiryDate', covers: [span(1, 8, 14)], digitAt: { line: 1, index: 14 } },
    { name: 'composite', covers: [span(0, 5, 30), span(1, 0, 7), span(1, 8, 15), span(1, 18, 29)], digitAt: { line: 1, index: 29 } },
  ],
  paddedFields: ['name', 'optionalData', 'optionalData2'],
};

const td2Fields: Record<MrzField, Span | null> = {
  documentCode: span(0, 0, 2),
  issuingState: span(0, 2, 5),
  name: span(0, 5, 36),
  documentNumber: span(1, 0, 9),
  nationality: span(1, 10, 13),
  birthDate: span(1, 13, 19),
  sex: span(1, 20, 21),
  expiryDate: span(1, 21, 27),
  optionalData: span(1, 28, 35),
  optionalData2: null,
  personalNumber: null,
};

export const td2Layout: MrzLayout = {
  format: 'TD2',
  lineCount: 2,
  lineLength: 36,
  fields: td2Fields,
  classes: buildClasses(2, 36, [
    [span(0, 0, 36), 'alpha'],
    [span(1, 9, 10), 'numeric'],
    [span(1, 10, 13), 'alpha'],
    [span(1, 13, 20), 'numeric'],
    [span(1, 20, 21), 'sex'],
    [span(1, 21, 28), 'numeric'],
    [span(1, 35, 36), 'numeric'],
  ]),
  checkDigits: [
    // A document number longer than 9 characters overflows into the optional data, as in TD1.
    { name: 'documentNumber', covers: [span(1, 0, 9)], digitAt: { line: 1, index: 9 } },
    { name: 'birthDate', covers: [span(1, 13, 19)], digitAt: { line: 1, index: 19 } },
    { name: 'expiryDate', covers: [span(1, 21, 27)], digitAt: { line: 1, index: 27 } },
    { name: 'composite', covers: [span(1, 0, 10), span(1, 13, 20), span(1, 21, 35)], digitAt: { line: 1, index: 35 } },
  ],
  paddedFields: ['name', 'optionalData'],
};

export const mrzLayouts: readonly MrzLayout[] = [td3Layout, td2Layout, td1Layout];

export function sliceSpan(lines: readonly string[], { line, start, end }: Span): string {
  return (lines[line] ?? '').slice(start, end);
}
