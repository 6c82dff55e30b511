/**
 * Checks of MRZ fields that carry no check digit: issuing state and nationality against the ICAO
 * 9303 code list (workers/documents/icaoCodes.json, source named inside), and the document code against the kind
 * of document the seller said they sent.
 */
import icaoCodes from '../../documents/icaoCodes.json' with { type: 'json' };

const knownCodes: ReadonlySet<string> = new Set(icaoCodes.codes);

export type DocumentKind = 'passport' | 'id_card';

/** Whether `code` (fillers already dropped, so Germany is `D`) is an ICAO state or organisation, or an accepted specimen code. */
export function isKnownStateCode(code: string, acceptedSpecimenCodes: readonly string[]): boolean {
  return knownCodes.has(code) || acceptedSpecimenCodes.includes(code);
}

/** The codes ICAO uses only in specimens, which a deployment may accept for tests and demos. */
export const icaoSpecimenCodes: readonly string[] = icaoCodes.specimenCodes;

/**
 * ICAO 9303: P is a passport (TD3); I, A and C are official travel documents in card form (TD1,
 * TD2), which is what an identity card is. Anything else (a visa, V) is neither.
 */
export function documentKindOf(format: string, documentCode: string): DocumentKind | null {
  const letter = documentCode.charAt(0);
  if (letter === 'P' && format === 'TD3') return 'passport';
  if ((letter === 'I' || letter === 'A' || letter === 'C') && format !== 'TD3') return 'id_card';
  return null;
}
