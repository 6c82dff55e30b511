/** What reading an identity document yields; carries personal data, so it never goes into signals. */
import type { MrzFormat } from './mrzLayout.ts';

export interface DocumentFields {
  /** ICAO document code: P (passport), I, A or C (cards), fillers dropped */
  documentCode: string;
  surname: string;
  givenNames: string;
  documentNumber: string;
  nationality: string;
  issuingState: string;
  /** YYYY-MM-DD, or null when the MRZ digits are not a calendar date */
  birthDate: string | null;
  /** YYYY-MM-DD, or null when the MRZ digits are not a calendar date */
  expiryDate: string | null;
  /** X when the MRZ leaves it unspecified (`<`) */
  sex: 'M' | 'F' | 'X';
}

export interface DocumentCheckDigits {
  documentNumber: boolean;
  birthDate: boolean;
  expiryDate: boolean;
  composite: boolean;
  /** TD3 only */
  personalNumber?: boolean;
}

export interface DocumentReading {
  /** null when no machine-readable zone was found */
  format: MrzFormat | null;
  fields: DocumentFields | null;
  checkDigits: DocumentCheckDigits | null;
  /** 0..1, Tesseract's mean confidence on the MRZ lines (0 when none was found) */
  ocrConfidence: number;
  /** the name filled its whole MRZ field, so it may be cut short (ICAO truncation) */
  nameTruncated: boolean;
  /** the MRZ lines as read and repaired (personal data: stored encrypted, shown to moderators) */
  mrzLines?: string[];
  /** characters the OCR repair changed to make the MRZ consistent */
  mrzRepairs: number;
  durationMs: number;
}
