/**
 * identity-document: does the identity document a new seller uploaded hold up, and is it theirs?
 *
 * Catches: images with no readable MRZ (document.unreadable); MRZs whose ICAO check digits fail,
 * the mark of a hand-altered number or date (document.mrz_check_digit_failed); expired documents
 * (document.expired); a declared legal name that does not match the MRZ name, tolerant of accents,
 * transliteration, word order, middle names and truncation (document.name_mismatch); a declared
 * birth date that differs from the MRZ (document.birth_date_mismatch); issuing state or nationality
 * codes not on the ICAO 9303 list (document.invalid_code; specimen codes such as UTO only when
 * accepted); a document code that is not the declared kind, e.g. an ID card sent as a passport
 * (document.kind_mismatch); dates the check digits vouch for that are not calendar dates
 * (document.invalid_date). When none fires it says so (document.verified, info).
 *
 * A field whose check digit fails is not a fact: expiry and birth-date signals act only on dates
 * whose own check digit holds, so a misread can escalate (check digits failed, unreadable) but
 * never reject.
 *
 * Misses: anything outside the MRZ. A forger who recomputes the check digits, or prints a whole
 * new MRZ, passes; so does a genuine document used by someone else who declares its holder's data
 * (that needs a face match against a selfie). The visual zone is not read, so an MRZ that
 * contradicts the printed fields goes unnoticed. Check digits are modulo 10: a misread that keeps
 * them valid is taken as the truth. Names carry no check digit, so an OCR misread of a name lowers
 * the similarity (tolerated up to the thresholds; letters OCR confuses cost less, see nameMatch.ts).
 *
 * Signals carry no personal data: only field names, similarity scores, check-digit names, OCR
 * confidence and day counts.
 */
import type { DetectorModule, Signal } from '../../../core/signals.ts';
import type { DocumentReading } from '../../documents/documentReading.ts';
import type { DocumentKind } from './documentCodes.ts';
import { documentSignals } from './documentSignals.ts';

export interface IdentityDocumentInput {
  reading: DocumentReading;
  /** documentKind, when given, must match the MRZ document code */
  declared: { legalName: string; dateOfBirth: string; documentKind?: DocumentKind };
  /** ICAO specimen codes (UTO) accepted as issuing state and nationality; none in production */
  acceptedSpecimenCodes?: readonly string[];
  /** YYYY-MM-DD, the date expiry is judged against (passed in: detectors do not read clocks) */
  today: string;
}

export interface IdentityDocumentThresholds {
  /** at or above: the names match */
  nameSimilarityMin: number;
  /** below: the names clearly differ (high severity); between the two: a weak match (medium) */
  nameSimilarityWeak: number;
  /** below, a reading whose check digits fail is more likely a misread than a forgery */
  minOcrConfidence: number;
}

export const identityDocumentDetector: DetectorModule<IdentityDocumentInput, IdentityDocumentThresholds> = {
  id: 'identity-document',
  version: '2.1.0',
  description: 'Checks an identity document MRZ (check digits, expiry) and matches it to the declared name and birth date.',
  thresholds: { nameSimilarityMin: 0.85, nameSimilarityWeak: 0.6, minOcrConfidence: 0.5 },
  detect(input: IdentityDocumentInput, thresholds?: IdentityDocumentThresholds): Signal[] {
    return documentSignals(input, thresholds ?? identityDocumentDetector.thresholds, { id: identityDocumentDetector.id, version: identityDocumentDetector.version });
  },
};

export default identityDocumentDetector;
