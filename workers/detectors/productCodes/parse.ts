/**
 * What a buyer's code says: the raw text a buyer typed or a scanner read (a bare GTIN, a GS1
 * element string with or without brackets, or a GS1 Digital Link URI) turned into
 * `{ gtin, serial, batch, expiry }`, with the GTIN's check digit verified.
 *
 * Parsing is GS1's, from two libraries rather than our own reading of the General
 * Specifications: `gs1-barcode-parser-mod` for element strings (it knows every application
 * identifier's length and type) and `digital-link.js`, GS1's own, for URIs. Both pass the GS1
 * examples in parse.test.ts; around them we only strip what a scanner adds (symbology
 * identifiers such as `]d2`), turn the bracketed human-readable form into FNC1-separated data,
 * decode percent-escapes the URI library leaves in place, and check the GTIN ourselves (the
 * element-string parser does not, and a wrong check digit is evidence, not a parse error).
 */
import { DigitalLink } from 'digital-link.js';
import { parseBarcode } from 'gs1-barcode-parser-mod';

/** Longest raw code accepted: a Digital Link with serial, batch and expiry is well under this. */
export const MAX_RAW_CODE_LENGTH = 512;

export type CodeFormat = 'gtin' | 'element_string' | 'digital_link';

export interface ParsedCode {
  format: CodeFormat;
  /** 14 digits (GTIN-8/12/13 padded with zeros, as GS1 keys are compared) */
  gtin: string;
  /** the GTIN's GS1 mod-10 check digit is right */
  gtinCheckDigitValid: boolean;
  serial: string | null;
  batch: string | null;
  /** YYYY-MM-DD (a day of 00 is the month's last day, as GS1 says) */
  expiry: string | null;
}

export type CodeProblem = 'empty' | 'too_long' | 'unreadable' | 'no_gtin' | 'bad_gtin_length';

export type CodeReading = { ok: true; code: ParsedCode } | { ok: false; problem: CodeProblem };

const GS = String.fromCharCode(29);

/** GS1's mod-10 check digit over the digits before the last: weights 3 and 1 from the right. */
export function gtinCheckDigitValid(gtin: string): boolean {
  if (!/^\d{8}$|^\d{12,14}$/.test(gtin)) return false;
  const digits = [...gtin].map(Number);
  const check = digits.pop()!;
  const sum = digits.reverse().reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

/** A GTIN as GS1 keys are compared: 14 digits, shorter ones padded with zeros. */
export const asGtin14 = (gtin: string) => gtin.padStart(14, '0');

function isoDay(date: Date): string {
  // the parser builds local-time dates; read them back the same way
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** GS1 expiry YYMMDD in a URI (the element-string parser reads its own): 00 as the day is the month's end. */
function expiryFromDigits(yymmdd: string): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const year = 2000 + Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  let day = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12) return null;
  if (day === 0) day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function fromElements(elements: Map<string, string | number | Date>, format: CodeFormat): CodeReading {
  const gtin = elements.get('01');
  if (typeof gtin !== 'string') return { ok: false, problem: 'no_gtin' };
  const expiry = elements.get('17');
  return {
    ok: true,
    code: {
      format,
      gtin: asGtin14(gtin),
      gtinCheckDigitValid: gtinCheckDigitValid(gtin),
      serial: typeof elements.get('21') === 'string' ? (elements.get('21') as string) : null,
      batch: typeof elements.get('10') === 'string' ? (elements.get('10') as string) : null,
      expiry: expiry instanceof Date ? isoDay(expiry) : typeof expiry === 'string' ? expiryFromDigits(expiry) : null,
    },
  };
}

function readDigitalLink(uri: string): CodeReading {
  let link;
  try {
    link = DigitalLink(uri);
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  const identifier = link.getIdentifier();
  if (!identifier['01']) return { ok: false, problem: identifier && Object.keys(identifier).length > 0 ? 'no_gtin' : 'unreadable' };
  const decode = (value: string | undefined) => {
    if (value === undefined) return undefined;
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  };
  const elements = new Map<string, string>();
  elements.set('01', identifier['01']);
  for (const [ai, value] of Object.entries({ ...link.getAttributes(), ...link.getKeyQualifiers() })) {
    const decoded = decode(value);
    if (decoded !== undefined) elements.set(ai, decoded);
  }
  // GS1 Digital Link carries GTIN-8/12/13 padded or not; the library pads, we check the given digits
  return fromElements(elements, 'digital_link');
}

function readElementString(text: string): CodeReading {
  // scanners prefix a symbology identifier (]C1 GS1-128, ]d2 DataMatrix, ]Q3 QR, ]e0 DataBar)
  let data = text.replace(/^\][A-Za-z]\d/, '');
  if (data.startsWith('(')) {
    // human-readable form: (01)09506000134352(21)ABC123 → FNC1 between variable-length fields
    const parts = [...data.matchAll(/\((\d{2,4})\)([^(]*)/g)];
    if (parts.length === 0 || parts.map((part) => part[0]).join('') !== data) return { ok: false, problem: 'unreadable' };
    data = parts.map((part) => `${part[1]}${part[2]}`).join(GS);
  }
  let parsed;
  try {
    parsed = parseBarcode(data);
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  return fromElements(new Map(parsed.parsedCodeItems.map((item) => [item.ai, item.data])), 'element_string');
}

/** Reads one raw code. Never throws: what cannot be read says why. */
export function readProductCode(raw: string): CodeReading {
  const text = raw.trim();
  if (text.length === 0) return { ok: false, problem: 'empty' };
  if (text.length > MAX_RAW_CODE_LENGTH) return { ok: false, problem: 'too_long' };
  if (/^https?:\/\//i.test(text)) return readDigitalLink(text);
  const bare = text.replace(/[\s-]/g, '');
  if (/^\d+$/.test(bare)) {
    if (![8, 12, 13, 14].includes(bare.length)) {
      // a GTIN-14 followed by more data without brackets is an element string (01 + 14 digits …)
      if (bare.startsWith('01') && bare.length >= 16) return readElementString(bare);
      return { ok: false, problem: 'bad_gtin_length' };
    }
    return { ok: true, code: { format: 'gtin', gtin: asGtin14(bare), gtinCheckDigitValid: gtinCheckDigitValid(bare), serial: null, batch: null, expiry: null } };
  }
  return readElementString(text);
}
