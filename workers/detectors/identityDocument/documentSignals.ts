/** The identity-document detector's rules; see index.ts for what it catches and misses. */
import type { Evidence, Severity, Signal } from '../../../core/signals.ts';
import type { DocumentCheckDigits, DocumentFields, DocumentReading } from '../../documents/documentReading.ts';
import { compareBirthDates, daysBetween } from './birthDateMatch.ts';
import type { IdentityDocumentInput, IdentityDocumentThresholds } from './index.ts';
import { documentKindOf, isKnownStateCode } from './documentCodes.ts';
import { compareNames } from './nameMatch.ts';

type DetectorRef = Signal['detector'];

function signal(detector: DetectorRef, code: string, severity: Severity, score: number, summary: string, evidence: Evidence): Signal {
  return { code, severity, score, summary, evidence, detector };
}

const failedCheckDigits = (checkDigits: DocumentCheckDigits): string[] =>
  Object.entries(checkDigits).filter(([, valid]) => !valid).map(([name]) => name);

function unreadable(detector: DetectorRef, reading: DocumentReading, evidence: Evidence, summary: string): Signal {
  return signal(detector, 'document.unreadable', 'medium', 0.6, summary, { ocrConfidence: reading.ocrConfidence, readMs: reading.durationMs, ...evidence });
}

function nameSignal(detector: DetectorRef, legalName: string, fields: DocumentFields, reading: DocumentReading, thresholds: IdentityDocumentThresholds): { signal: Signal | null; similarity: number } {
  const comparison = compareNames(legalName, { surname: fields.surname, givenNames: fields.givenNames, truncated: reading.nameTruncated });
  if (comparison.similarity >= thresholds.nameSimilarityMin) return { signal: null, similarity: comparison.similarity };
  const weak = comparison.similarity >= thresholds.nameSimilarityWeak;
  const evidence: Evidence = {
    ...comparison,
    nameSimilarityMin: thresholds.nameSimilarityMin,
    nameSimilarityWeak: thresholds.nameSimilarityWeak,
    nameTruncated: reading.nameTruncated,
  };
  const summary = `Declared legal name ${weak ? 'only weakly matches' : 'does not match'} the document (similarity ${comparison.similarity} < ${thresholds.nameSimilarityMin})`;
  return { signal: signal(detector, 'document.name_mismatch', weak ? 'medium' : 'high', weak ? 0.5 : 0.9, summary, evidence), similarity: comparison.similarity };
}

/** Only called when the birth date's check digit holds: a misread date is not a fact to act on. */
function birthDateSignal(detector: DetectorRef, declared: string, documentBirthDate: string): Signal | null {
  const comparison = compareBirthDates(declared, documentBirthDate);
  if (comparison.matches) return null;
  const summary = comparison.dayMonthSwapped ? 'Declared birth date has day and month swapped relative to the document' : `Declared birth date differs from the document (${comparison.differingParts.join(', ')})`;
  return signal(detector, 'document.birth_date_mismatch', comparison.dayMonthSwapped ? 'medium' : 'high', comparison.dayMonthSwapped ? 0.5 : 0.85, summary, {
    differingParts: comparison.differingParts,
    dayMonthSwapped: comparison.dayMonthSwapped,
  });
}

/**
 * Dates act only when their own check digit holds; then a date that is no calendar date (a
 * 31 February the check digit vouches for) is a document fault, not a misread.
 */
function dateSignals(detector: DetectorRef, input: IdentityDocumentInput, fields: DocumentFields, checkDigits: DocumentCheckDigits): Signal[] {
  const signals: Signal[] = [];
  const invalid = [...(checkDigits.birthDate && fields.birthDate === null ? ['birthDate'] : []), ...(checkDigits.expiryDate && fields.expiryDate === null ? ['expiryDate'] : [])];
  if (invalid.length > 0) signals.push(signal(detector, 'document.invalid_date', 'medium', 0.6, `MRZ dates that are not calendar dates (${invalid.join(', ')})`, { fields: invalid }));
  if (checkDigits.expiryDate && fields.expiryDate !== null && fields.expiryDate < input.today) {
    const daysPastExpiry = daysBetween(fields.expiryDate, input.today);
    signals.push(signal(detector, 'document.expired', 'high', 0.9, `Document expired ${daysPastExpiry} day(s) ago`, { daysPastExpiry }));
  }
  if (checkDigits.birthDate && fields.birthDate !== null) {
    const birthDate = birthDateSignal(detector, input.declared.dateOfBirth, fields.birthDate);
    if (birthDate) signals.push(birthDate);
  }
  return signals;
}

/** Issuing state and nationality against the ICAO list; the document code against the declared kind. */
function codeSignals(detector: DetectorRef, input: IdentityDocumentInput, reading: DocumentReading, fields: DocumentFields): Signal[] {
  const signals: Signal[] = [];
  const accepted = input.acceptedSpecimenCodes ?? [];
  const unknown = (['issuingState', 'nationality'] as const).filter((name) => !isKnownStateCode(fields[name], accepted));
  if (unknown.length > 0) {
    signals.push(signal(detector, 'document.invalid_code', 'medium', 0.6, `MRZ codes not on the ICAO 9303 list (${unknown.join(', ')})`, { fields: unknown, specimenCodesAccepted: accepted.length > 0 }));
  }
  const kind = reading.format ? documentKindOf(reading.format, fields.documentCode) : null;
  const declaredKind = input.declared.documentKind;
  if (declaredKind && kind !== declaredKind) {
    signals.push(signal(detector, 'document.kind_mismatch', 'medium', 0.6, `The document is ${kind ? `a ${kind.replace('_', ' ')}` : 'neither a passport nor an identity card'}, not the ${declaredKind.replace('_', ' ')} declared`, {
      declaredKind,
      documentKind: kind,
      format: reading.format,
    }));
  }
  return signals;
}

export function documentSignals(input: IdentityDocumentInput, thresholds: IdentityDocumentThresholds, detector: DetectorRef): Signal[] {
  const { reading } = input;
  const { fields, checkDigits } = reading;
  if (reading.format === null || fields === null || checkDigits === null) {
    return [unreadable(detector, reading, { reason: 'no_mrz_found' }, 'No machine-readable zone could be read from the image')];
  }
  const failed = failedCheckDigits(checkDigits);
  const lowConfidence = reading.ocrConfidence < thresholds.minOcrConfidence;
  if (failed.length > 0 && lowConfidence) {
    // Failing check digits on a poor read say more about the photo than about the document.
    return [unreadable(detector, reading, { reason: 'low_ocr_confidence', minOcrConfidence: thresholds.minOcrConfidence, failedCheckDigits: failed }, 'The MRZ was read too poorly to check; a clearer photo is needed')];
  }
  const signals: Signal[] = [];
  if (failed.length > 0) {
    signals.push(signal(detector, 'document.mrz_check_digit_failed', 'high', 0.9, `MRZ check digits do not match their fields (${failed.join(', ')})`, {
      failedCheckDigits: failed,
      format: reading.format,
      ocrConfidence: reading.ocrConfidence,
      mrzRepairs: reading.mrzRepairs,
    }));
  }
  signals.push(...codeSignals(detector, input, reading, fields), ...dateSignals(detector, input, fields, checkDigits));
  const name = nameSignal(detector, input.declared.legalName, fields, reading, thresholds);
  if (name.signal) signals.push(name.signal);
  if (signals.length > 0) return signals;
  return [
    signal(detector, 'document.verified', 'info', name.similarity, 'Document MRZ is consistent, unexpired, of the declared kind and matches the declared name and birth date', {
      format: reading.format,
      nameSimilarity: name.similarity,
      ocrConfidence: reading.ocrConfidence,
      lowOcrConfidence: lowConfidence,
      mrzRepairs: reading.mrzRepairs,
    }),
  ];
}
