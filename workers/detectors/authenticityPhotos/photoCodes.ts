/**
 * The codes read from a buyer's photos (codeReader.ts), read as GS1 does (productCodes/parse.ts)
 * and compared with the code the buyer typed or scanned.
 *
 * Hard evidence (critical): a GTIN printed on the product whose check digit does not add up. A
 * barcode reader refuses such a linear code, so it comes from a 2D code (DataMatrix, QR) whose
 * printer made the number up; a typed code's bad digit is a typo, a printed one is not.
 * For a moderator (high): a printed code that is not the code the buyer sent (another GTIN, or
 * another serial). A retake: the brand prints codes and the photo meant to show one (a `code`
 * photo; a `label` photo when nothing else carries a code) shows none that can be read.
 *
 * Misses: a cloned code printed faithfully (the code detectors and the clone search catch it);
 * codes ZXing cannot find (heavy glare, a curved bottle); codes that are not GS1 (a brand's own
 * QR pointing to its site is kept in the evidence and otherwise ignored).
 */
import type { Signal } from '../../../core/signals.ts';
import type { AuthenticityPhotoKind } from '../../../core/authenticityCheck.ts';
import { readProductCode, type ParsedCode } from '../productCodes/parse.ts';
import type { PhotoCode } from './codeReader.ts';
import { retakeSignal } from './retake.ts';

export const detector = { id: 'authenticity-photo-codes', version: '1' };

export interface PhotoWithCodes {
  position: number;
  kind: AuthenticityPhotoKind;
  codes: PhotoCode[];
}

export interface PhotoCodeInput {
  photos: readonly PhotoWithCodes[];
  /** what the buyer typed or scanned, if anything */
  claimedCode: string | null;
  /** the brand lists GTINs or keeps a registry here: its products carry a code */
  brandPrintsCodes: boolean;
}

export interface PhotoCodeResult {
  signals: Signal[];
  /** the first GS1 code read from a photo whose check digit is right, as read */
  readCode: string | null;
  /** every GS1 code read whose check digit is right, as read, with its photo: the item's code is chosen among them (productCodes/itemCode.ts) */
  readCodes: { raw: string; position: number }[];
}

interface ReadProductCode {
  position: number;
  kind: AuthenticityPhotoKind;
  raw: PhotoCode;
  code: ParsedCode;
}

const signal = (code: string, severity: Signal['severity'], score: number, summary: string, evidence: Signal['evidence']): Signal => ({ code, severity, score, summary, evidence, detector });

const sameUnit = (a: ParsedCode, b: ParsedCode) => a.gtin === b.gtin && (a.serial === null || b.serial === null || a.serial === b.serial);

export function photoCodeSignals(input: PhotoCodeInput): PhotoCodeResult {
  const read: ReadProductCode[] = [];
  const other: { position: number; format: string }[] = [];
  for (const photo of input.photos) {
    for (const raw of photo.codes) {
      const reading = readProductCode(raw.text);
      if (reading.ok) read.push({ position: photo.position, kind: photo.kind, raw, code: reading.code });
      else other.push({ position: photo.position, format: raw.format });
    }
  }
  const signals: Signal[] = [];
  const claimed = input.claimedCode ? readProductCode(input.claimedCode) : null;
  for (const { position, kind, raw, code } of read) {
    const evidence = { position, kind, format: raw.format, gtin: code.gtin, serial: code.serial, batch: code.batch, expiry: code.expiry };
    if (!code.gtinCheckDigitValid) {
      signals.push(signal('authenticity.photo_code_check_digit_invalid', 'critical', 1, `The ${raw.format} code printed on the ${kind} carries GTIN ${code.gtin}, whose check digit does not add up: no genuine product carries it`, evidence));
      continue;
    }
    if (claimed?.ok) {
      if (sameUnit(code, claimed.code)) signals.push(signal('authenticity.photo_code_agrees', 'info', 0, `The code on the ${kind} photo is the code that was sent`, evidence));
      else signals.push(signal('authenticity.photo_code_mismatch', 'high', 0.8, `The code on the ${kind} photo (${code.gtin}${code.serial ? ` / ${code.serial}` : ''}) is not the code that was sent`, { ...evidence, claimed: { gtin: claimed.code.gtin, serial: claimed.code.serial } }));
    } else {
      signals.push(signal('authenticity.photo_code_read', 'info', 0, `Code read from the ${kind} photo: ${code.gtin}${code.serial ? ` / ${code.serial}` : ''}`, evidence));
    }
  }
  if (input.brandPrintsCodes && read.length === 0) {
    const codePhotos = input.photos.filter((photo) => photo.kind === 'code');
    // a label is asked again for its code only when nothing else could carry it
    const asked = codePhotos.length > 0 ? codePhotos : input.claimedCode ? [] : input.photos.filter((photo) => photo.kind === 'label');
    for (const photo of asked) {
      signals.push(
        retakeSignal(detector, 'authenticity.photo_code_unreadable', photo, 'code_unreadable', `The code on the ${photo.kind} photo cannot be read: take it close up, flat and in focus, the whole code in the frame`, {
          otherCodes: other.filter((entry) => entry.position === photo.position).map((entry) => entry.format),
        }),
      );
    }
  }
  const usable = read.filter((entry) => entry.code.gtinCheckDigitValid);
  return { signals, readCode: usable[0]?.raw.text ?? null, readCodes: usable.map((entry) => ({ raw: entry.raw.text, position: entry.position })) };
}
