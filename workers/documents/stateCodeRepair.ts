/**
 * Issuing state and nationality carry no check digit, but they must be on the ICAO 9303 code
 * list (icaoCodes.json). A code that is not, and that becomes exactly one listed code by undoing
 * one OCR glyph confusion, is taken to be that code; anything else is left as read, for the
 * detector to report.
 */
import icaoCodes from './icaoCodes.json' with { type: 'json' };

const listed: ReadonlySet<string> = new Set([...icaoCodes.codes, ...icaoCodes.specimenCodes]);

/** Glyphs OCR engines mistake for one another on OCR-B. */
const confusable: readonly string[] = ['ODQU', 'ILJT', 'MHNW', 'BER', 'SZ', 'GC', 'UV', 'KX', 'PF', 'AR'];

function lookalikes(character: string): string[] {
  return [...new Set(confusable.filter((group) => group.includes(character)).flatMap((group) => [...group]))].filter((other) => other !== character);
}

/** `code` as read (fillers dropped), or the one listed code a single confusion away. */
export function repairStateCode(code: string): { code: string; repaired: boolean } {
  if (listed.has(code) || code.length !== 3) return { code, repaired: false };
  const found = new Set<string>();
  for (let index = 0; index < code.length; index++) {
    for (const other of lookalikes(code.charAt(index))) {
      const candidate = code.slice(0, index) + other + code.slice(index + 1);
      if (listed.has(candidate)) found.add(candidate);
    }
  }
  const [only] = found;
  return found.size === 1 && only ? { code: only, repaired: true } : { code, repaired: false };
}
