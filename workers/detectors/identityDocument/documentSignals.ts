/** The identity-document detector's rules; see index.ts for what it catches and misses. */
import type { Evidence, Severity, Signal } from '../../../core/signals.ts';
import type { DocumentCheckDigits, DocumentFields, DocumentReading } from '../../documents/documentReading.ts';
import { compareBirthDates, daysBetween } from './birthDateMatch.ts';
import type { IdentityDocumentInput, IdentityDocumentThresholds } from './index.ts';
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

function birthDateSignal(detector: DetectorRef, declared: string, fields: DocumentFields, checkDigits: DocumentCheckDigits): Signal | null {
  if (fields.birthDate === null) {
    return signal(detector, 'document.birth_date_mismatch', 'medium', 0.5, 'The birth date in the MRZ is not a calendar date, so the declared one cannot be confirmed', {
      documentBirthDateReadable: false,
      birthDateCheckDigitValid: checkDigits.birthDate,
    });
  }
  const comparison = compareBirthDates(declared, fields.birthDate);
  if (comparison.matches) return null;
  const summary = comparison.dayMonthSwapped ? 'Declared birth date has day and month swapped relative to the document' : `Declared birth date differs from the document (${comparison.differingParts.join(', ')})`;
  return signal(detector, 'document.birth_date_mismatch', comparison.dayMonthSwapped ? 'medium' : 'high', comparison.dayMonthSwapped ? 0.5 : 0.85, summary, {
    differingParts: comparison.differingParts,
    dayMonthSwapped: comparison.dayMonthSwapped,
    birthDateCheckDigitValid: checkDigits.birthDate,
  });
}

export function documentSignals({ reading, declared, today }: IdentityDocumentInput, thresholds: IdentityDocumentThresholds, detector: DetectorRef): Signal[] {
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
  if (fields.expiryDate !== null && fields.expiryDate < today) {
    const daysPastExpiry = daysBetween(fields.expiryDate, today);
    signals.push(signal(detector, 'document.expired', 'high', 0.9, `Document expired ${daysPastExpiry} day(s) ago`, { daysPastExpiry, expiryCheckDigitValid: checkDigits.expiryDate }));
  }
  const name = nameSignal(detector, declared.legalName, fields, reading, thresholds);
  if (name.signal) signals.push(name.signal);
  const birthDate = birthDateSignal(detector, declared.dateOfBirth, fields, checkDigits);
  if (birthDate) signals.push(birthDate);
  if (signals.length > 0) return signals;
  return [
    signal(detector, 'document.verified', 'info', name.similarity, 'Document MRZ is consistent, unexpired and matches the declared name and birth date', {
      format: reading.format,
      nameSimilarity: name.similarity,
      ocrConfidence: reading.ocrConfidence,
      lowOcrConfidence: lowConfidence,
      mrzRepairs: reading.mrzRepairs,
    }),
  ];
}
