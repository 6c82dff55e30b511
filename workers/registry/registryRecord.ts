/**
 * The company record a business registry returns, declared once as a TypeBox schema (the
 * project's validation library) so that the HTTP provider's responses and the fixture file are
 * checked by the same rules and the TypeScript type follows from them.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export const companyStatusSchema = Type.Union([
  Type.Literal('active'),
  Type.Literal('dissolved'),
  Type.Literal('suspended'),
  /** the registry does not say (some registries publish no status) */
  Type.Literal('unknown'),
]);
export type CompanyStatus = Static<typeof companyStatusSchema>;

export const registryRecordSchema = Type.Object({
  legalName: Type.String({ minLength: 1, maxLength: 300 }),
  registrationNumber: Type.String({ minLength: 1, maxLength: 64 }),
  /** ISO 3166-1 alpha-2 */
  country: Type.String({ pattern: '^[A-Z]{2}$' }),
  companyStatus: companyStatusSchema,
  /** YYYY-MM-DD */
  incorporatedOn: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
});
export type RegistryRecord = Static<typeof registryRecordSchema>;

/**
 * A record, or undefined when `value` does not have the record's shape. Fields we do not use are
 * tolerated (providers add fields without notice) but not copied, so nothing unvetted travels on.
 */
export function parseRegistryRecord(value: unknown): RegistryRecord | undefined {
  if (!Value.Check(registryRecordSchema, value)) return undefined;
  if (value.incorporatedOn !== undefined && !isCalendarDate(value.incorporatedOn)) return undefined;
  const { legalName, registrationNumber, country, companyStatus, incorporatedOn } = value;
  return { legalName, registrationNumber, country, companyStatus, ...(incorporatedOn === undefined ? {} : { incorporatedOn }) };
}

/** The pattern lets 2023-02-30 through; a round trip through Date does not. */
function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/**
 * Registration numbers are written with and without spaces, dots, dashes and slashes
 * ("HRB 12345", "812 345 678", "556677-8899"); this is the form two numbers are compared in.
 */
export function normaliseRegistrationNumber(raw: string): string {
  return raw.toUpperCase().replace(/[\s./-]/g, '');
}
