/**
 * ICAO 9303 check digits: each character gets a value (digits as themselves, A..Z as 10..35,
 * the filler `<` as 0), values are weighted 7, 3, 1 repeating, and the sum modulo 10 is the
 * digit. A character outside that alphabet makes the whole computation meaningless, hence null.
 */

const weights = [7, 3, 1] as const;

function characterValue(character: string): number | null {
  if (character === '<') return 0;
  const code = character.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  return null;
}

/** The check digit ICAO 9303 assigns to `value`, or null when `value` has a non-MRZ character. */
export function mrzCheckDigit(value: string): string | null {
  let sum = 0;
  for (let index = 0; index < value.length; index++) {
    const characterWeight = characterValue(value.charAt(index));
    if (characterWeight === null) return null;
    sum += characterWeight * (weights[index % 3] ?? 1);
  }
  return String(sum % 10);
}

/** Whether `digit` is the check digit of `value`. */
export function checkDigitMatches(value: string, digit: string): boolean {
  return mrzCheckDigit(value) === digit;
}
