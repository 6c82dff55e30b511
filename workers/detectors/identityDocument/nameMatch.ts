/**
 * Compares the legal name a seller declared ("José Müller") with the name in a document's MRZ
 * (surname MUELLER, given names JOSE). Tolerates what legitimately differs between the two:
 * accents and ICAO transliteration (Ü as U or UE, Å as A or AA, Ø as O or OE), case, word order
 * (given names first or last), hyphens and spacing inside compound names, middle names present
 * on one side only, and MRZ truncation of long names. The result is a similarity in 0..1, the
 * geometric mean of the surname and the given-names similarity, so both must match: the same
 * surname with another given name (a relative's document) scores low.
 */
import anyAscii from 'any-ascii';
import { ratio } from 'fuzzball';

export interface NameOnDocument {
  /** MRZ surname, e.g. "FERREIRA DA SILVA" */
  surname: string;
  /** MRZ given names, e.g. "MARIANA" (may be empty) */
  givenNames: string;
  /** the MRZ name field was full, so its last name part may be cut short */
  truncated: boolean;
}

export interface NameComparison {
  similarity: number;
  surnameSimilarity: number;
  givenNamesSimilarity: number;
}

/** ICAO 9303 part 3 transliterations that any-ascii writes with one letter. */
const icaoExpansions: Readonly<Record<string, string>> = {
  Ä: 'AE', ä: 'ae', Ö: 'OE', ö: 'oe', Ü: 'UE', ü: 'ue', Å: 'AA', å: 'aa', Ø: 'OE', ø: 'oe',
};
/** Each middle name present on one side only costs this much of the given-names similarity. */
const unmatchedNamePenalty = 0.02;
const maxUnmatchedPenalty = 0.1;
/** An initial on one side against the full name on the other. */
const initialSimilarity = 0.9;
/** Given names on one side only: a legal name and a document both normally carry them. */
const missingGivenNamesSimilarity = 0.3;

function tokens(text: string): string[] {
  return anyAscii(text)
    .toUpperCase()
    .replace(/['’`]/g, '')
    .split(/[^A-Z]+/)
    .filter((token) => token.length > 0);
}

/** The declared name tokenised under both transliterations (single letter and ICAO expansion). */
function declaredVariants(legalName: string): string[][] {
  const expanded = [...legalName].map((character) => icaoExpansions[character] ?? character).join('');
  const variants = [tokens(legalName), tokens(expanded)];
  return variants[0]?.join(' ') === variants[1]?.join(' ') ? variants.slice(0, 1) : variants;
}

/**
 * Letters OCR takes for one another in the MRZ's OCR-B type (many-stroke letters above all: W read
 * as H, N, U, V or Q; M as H or N), seen in the tune split of the wider document set. Names carry
 * no check digit, so nothing else corrects them. Symmetric.
 */
const OCR_CONFUSIONS: readonly string[] = ['WH', 'WN', 'WU', 'WV', 'WQ', 'WM', 'MH', 'MN', 'HN', 'OQ', 'OD', 'OU', 'OC', 'CG', 'EF', 'IL', 'IJ', 'IT', 'UV', 'VY', 'RP', 'RB', 'BE', 'KX'];
const confusable = new Set(OCR_CONFUSIONS.flatMap((pair) => [pair, `${pair[1]}${pair[0]}`]));
/** What substituting one letter by a letter OCR confuses it with costs, against 1 for any other edit. */
const CONFUSION_COST = 0.25;
/**
 * At most one confusion per three letters, and never more than two, is forgiven in one name part:
 * more is another name, not a misread.
 */
const MAX_CONFUSIONS = 2;
const LETTERS_PER_CONFUSION = 3;

/**
 * Similarity of an MRZ name part to a declared one when they differ only by OCR confusions of
 * single letters (same length, few enough, each costing CONFUSION_COST): WIBOWO read
 * as QIBOHO scores 0.92, while GARCIA against MOREAU stays where the plain ratio puts it. A
 * hand-written rule rather than a weighted edit-distance library: it is only ever asked this one
 * question (substitutions between equal-length words), and the answer must be explainable.
 */
function confusionSimilarity(mrz: string, declared: string): number {
  if (mrz.length !== declared.length || mrz.length === 0) return 0;
  let confusions = 0;
  for (let i = 0; i < mrz.length; i++) {
    if (mrz[i] === declared[i]) continue;
    if (!confusable.has(`${mrz[i]}${declared[i]}`)) return 0;
    confusions++;
  }
  const forgiven = Math.min(MAX_CONFUSIONS, Math.max(1, Math.floor(mrz.length / LETTERS_PER_CONFUSION)));
  return confusions > forgiven ? 0 : 1 - (confusions * CONFUSION_COST) / mrz.length;
}

const stringSimilarity = (a: string, b: string): number => Math.max(ratio(a, b, { full_process: false }) / 100, confusionSimilarity(a, b));

function tokenSimilarity(mrzToken: string, declaredToken: string, mayBeCut: boolean): number {
  if (mayBeCut && declaredToken.startsWith(mrzToken)) return 1;
  if ((mrzToken.length === 1 || declaredToken.length === 1) && mrzToken[0] === declaredToken[0]) return initialSimilarity;
  return stringSimilarity(mrzToken, declaredToken);
}

/** Pairs MRZ and declared given names one to one, best pairs first. */
function givenNamesSimilarity(mrzGiven: string[], declaredGiven: string[], truncated: boolean): number {
  if (mrzGiven.length === 0 && declaredGiven.length === 0) return 1;
  // A truncated MRZ may have lost every given name; otherwise one side simply lacks them.
  if (mrzGiven.length === 0) return truncated ? 1 : missingGivenNamesSimilarity;
  if (declaredGiven.length === 0) return missingGivenNamesSimilarity;
  const pairs = mrzGiven.flatMap((mrzToken, i) =>
    declaredGiven.map((declaredToken, j) => ({ i, j, score: tokenSimilarity(mrzToken, declaredToken, truncated && i === mrzGiven.length - 1) })),
  );
  pairs.sort((a, b) => b.score - a.score);
  const usedMrz = new Set<number>();
  const usedDeclared = new Set<number>();
  let total = 0;
  for (const pair of pairs) {
    if (usedMrz.has(pair.i) || usedDeclared.has(pair.j)) continue;
    usedMrz.add(pair.i);
    usedDeclared.add(pair.j);
    total += pair.score;
  }
  const matched = Math.min(mrzGiven.length, declaredGiven.length);
  // Names the MRZ lost to truncation are not "missing" middle names.
  const unmatched = truncated ? mrzGiven.length - matched : mrzGiven.length + declaredGiven.length - 2 * matched;
  return Math.max(0, total / matched - Math.min(maxUnmatchedPenalty, unmatched * unmatchedNamePenalty));
}

function surnameSimilarity(mrzSurname: string[], declaredRun: string[], truncated: boolean, givenEmpty: boolean): number {
  // Compared without spaces: "DA SILVA", "DASILVA" and "DA-SILVA" are one surname.
  const mrz = mrzSurname.join('');
  const declared = declaredRun.join('');
  if (truncated && givenEmpty && declared.startsWith(mrz)) return 1;
  return stringSimilarity(mrz, declared);
}

function bestSplit(declared: string[], document: NameOnDocument): NameComparison {
  const mrzSurname = tokens(document.surname);
  const mrzGiven = tokens(document.givenNames);
  let best: NameComparison = { similarity: 0, surnameSimilarity: 0, givenNamesSimilarity: 0 };
  // The surname is some contiguous run of the declared words; try them all (word order unknown).
  for (let start = 0; start < declared.length; start++) {
    for (let end = start + 1; end <= declared.length; end++) {
      const surname = surnameSimilarity(mrzSurname, declared.slice(start, end), document.truncated, mrzGiven.length === 0);
      const given = givenNamesSimilarity(mrzGiven, [...declared.slice(0, start), ...declared.slice(end)], document.truncated);
      const similarity = Math.sqrt(surname * given);
      if (similarity > best.similarity) best = { similarity, surnameSimilarity: surname, givenNamesSimilarity: given };
    }
  }
  return best;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

export function compareNames(declaredLegalName: string, document: NameOnDocument): NameComparison {
  const best = declaredVariants(declaredLegalName)
    .map((declared) => bestSplit(declared, document))
    .reduce((a, b) => (b.similarity > a.similarity ? b : a));
  return { similarity: round(best.similarity), surnameSimilarity: round(best.surnameSimilarity), givenNamesSimilarity: round(best.givenNamesSimilarity) };
}
