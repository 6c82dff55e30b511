/**
 * The table a moderator reads first: each declared field beside what the document's MRZ says,
 * whether they agree, and whether the read value can be trusted (its check digit held).
 */
import type { DeclaredSellerData } from '../../../core/sellerVetting.ts';
import type { DocumentReading } from '../../../workers/documents/documentReading.ts';

export interface ComparedField {
  field: string;
  label: string;
  declared: string | null;
  read: string | null;
  matches: boolean | null;
  /** the read value's check digit held (null: the field has none) */
  checkDigitValid: boolean | null;
}

const simplify = (value: string) =>
  value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .sort()
    .join(' ');

const agree = (declared: string | null, read: string | null): boolean | null => (declared && read ? simplify(declared) === simplify(read) : null);

export function compareDeclaredAndRead(declared: DeclaredSellerData | null, reading: DocumentReading | null): ComparedField[] {
  const fields = reading?.fields ?? null;
  const digits = reading?.checkDigits ?? null;
  const readName = fields ? `${fields.givenNames} ${fields.surname}`.trim() : null;
  const rows: Omit<ComparedField, 'matches'>[] = [
    { field: 'name', label: 'Legal name', declared: declared?.legalName ?? null, read: readName, checkDigitValid: null },
    { field: 'dateOfBirth', label: 'Date of birth', declared: declared?.dateOfBirth ?? null, read: fields?.birthDate ?? null, checkDigitValid: digits?.birthDate ?? null },
    { field: 'nationality', label: 'Country / nationality', declared: declared?.country ?? null, read: fields?.nationality ?? null, checkDigitValid: null },
    { field: 'documentKind', label: 'Document kind', declared: declared?.documentKind ?? null, read: reading?.format ?? null, checkDigitValid: null },
    { field: 'documentNumber', label: 'Document number', declared: null, read: fields?.documentNumber ?? null, checkDigitValid: digits?.documentNumber ?? null },
    { field: 'expiryDate', label: 'Expiry date', declared: null, read: fields?.expiryDate ?? null, checkDigitValid: digits?.expiryDate ?? null },
  ];
  return rows.map((row) => ({
    ...row,
    // countries are declared as ISO 3166 codes and read as ICAO codes; the document kind as
    // passport/id_card vs TD3/TD1: those comparisons are shown, not judged here
    matches: row.field === 'nationality' || row.field === 'documentKind' ? null : agree(row.declared, row.read),
  }));
}
