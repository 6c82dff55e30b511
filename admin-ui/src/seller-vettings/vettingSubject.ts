/**
 * Reads the `subject` the API's seller-vetting registration presents for a case
 * (api/routes/seller-vettings/caseSubject.ts), defensively: a field that is missing or of
 * another shape reads as absent rather than breaking the page.
 */
import type { CaseSignal } from '../cases/types.ts';

// The row shape is the API's own (a type-only import: nothing of the API enters the bundle).
export type { ComparedField } from '../../../api/routes/seller-vettings/declaredVersusRead.ts';
import type { ComparedField } from '../../../api/routes/seller-vettings/declaredVersusRead.ts';

export interface LinkedSeller {
  sellerId: string;
  externalId: string;
  status: string;
  sharedKinds: string[];
}

export interface VettingSubject {
  vettingId: string;
  sellerExternalId: string;
  status: string;
  applicantType: string;
  country: string;
  erased: boolean;
  document: { mimeType: string; width: number; height: number } | null;
  documentFormat: string | null;
  checkDigits: Record<string, boolean> | null;
  /** the MRZ lines as read (null for readings stored before lines were kept) */
  mrzLines: string[] | null;
  ocrConfidence: number | null;
  comparison: ComparedField[];
  business: { name: string; registrationNumber: string } | null;
  linkedSellers: LinkedSeller[];
}

type Loose = Record<string, unknown>;
const isRecord = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null);
const flag = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);
const records = (value: unknown): Loose[] => (Array.isArray(value) ? value.filter(isRecord) : []);

function comparedField(row: Loose): ComparedField {
  return {
    field: text(row.field) ?? '',
    label: text(row.label) ?? text(row.field) ?? '',
    declared: text(row.declared),
    read: text(row.read),
    matches: flag(row.matches),
    checkDigitValid: flag(row.checkDigitValid),
  };
}

function checkDigits(value: unknown): Record<string, boolean> | null {
  if (!isRecord(value)) return null;
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean'));
}

export function readVettingSubject(subject: unknown): VettingSubject | null {
  if (!isRecord(subject)) return null;
  const document = isRecord(subject.document) ? subject.document : null;
  const business = isRecord(subject.business) ? subject.business : null;
  return {
    vettingId: text(subject.vettingId) ?? '',
    sellerExternalId: text(subject.sellerExternalId) ?? '',
    status: text(subject.status) ?? '',
    applicantType: text(subject.applicantType) ?? '',
    country: text(subject.country) ?? '',
    erased: subject.erased === true,
    document: document && { mimeType: text(document.mimeType) ?? '', width: Number(document.width) || 0, height: Number(document.height) || 0 },
    documentFormat: text(subject.documentFormat),
    checkDigits: checkDigits(subject.checkDigits),
    mrzLines: Array.isArray(subject.mrzLines) ? subject.mrzLines.filter((line): line is string => typeof line === 'string') : null,
    ocrConfidence: typeof subject.ocrConfidence === 'number' ? subject.ocrConfidence : null,
    comparison: records(subject.comparison).map(comparedField),
    business: business && { name: text(business.name) ?? '', registrationNumber: text(business.registrationNumber) ?? '' },
    linkedSellers: records(subject.linkedSellers).map((row) => ({
      sellerId: text(row.sellerId) ?? '',
      externalId: text(row.externalId) ?? '',
      status: text(row.status) ?? '',
      sharedKinds: Array.isArray(row.sharedKinds) ? row.sharedKinds.filter((kind): kind is string => typeof kind === 'string') : [],
    })),
  };
}

/** How a compared row reads: a mismatch, a value that cannot be trusted (check digit failed), or fine. */
export type ComparisonTone = 'mismatch' | 'untrusted' | 'ok' | 'unjudged';

export function comparisonTone(row: ComparedField): ComparisonTone {
  if (row.matches === false) return 'mismatch';
  if (row.checkDigitValid === false) return 'untrusted';
  return row.matches === true ? 'ok' : 'unjudged';
}

/**
 * The check digits that failed: from the reading when there is one, else from the signals'
 * evidence (a poor read reports them only there).
 */
export function failedCheckDigits(subject: VettingSubject | null, signals: CaseSignal[]): string[] {
  const failed = new Set<string>();
  for (const [name, valid] of Object.entries(subject?.checkDigits ?? {})) if (!valid) failed.add(name);
  for (const signal of signals) {
    const listed = signal.evidence.failedCheckDigits;
    if (Array.isArray(listed)) for (const name of listed) if (typeof name === 'string') failed.add(name);
  }
  return [...failed];
}

export interface WatchlistHit {
  code: string;
  strong: boolean;
  score: number;
  field: string | null;
  listId: string | null;
  entryId: string | null;
  entryType: string | null;
  /** null for private lists, whose names are not shown */
  matchedName: string | null;
  aliasKind: string | null;
  programs: string[];
  dateOfBirthCheck: string | null;
}

/** Watchlist signals with the list entry they matched, strongest first. */
export function watchlistHits(signals: CaseSignal[]): WatchlistHit[] {
  return signals
    .filter((signal) => signal.code.startsWith('watchlist.'))
    .map((signal) => {
      const evidence = signal.evidence;
      return {
        code: signal.code,
        strong: signal.code === 'watchlist.strong_match',
        score: typeof evidence.score === 'number' ? evidence.score : signal.score,
        field: text(evidence.field),
        listId: text(evidence.listId),
        entryId: text(evidence.entryId),
        entryType: text(evidence.entryType),
        matchedName: text(evidence.matchedName),
        aliasKind: text(evidence.aliasKind),
        programs: Array.isArray(evidence.programs) ? evidence.programs.filter((p): p is string => typeof p === 'string') : [],
        dateOfBirthCheck: text(evidence.dateOfBirthCheck),
      };
    })
    .sort((a, b) => Number(b.strong) - Number(a.strong) || b.score - a.score);
}
