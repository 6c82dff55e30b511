/**
 * Repairs OCR confusions in MRZ lines using what each position is allowed to hold: a digit read
 * in a letters-only field becomes the letter it resembles (and vice versa), and the filler tail
 * of a padded field, which OCR tends to read as K, C or L, becomes `<` again. Positions that may
 * hold either (document and personal numbers) are left to the check-digit search in
 * mrzCheckDigitRepair.ts.
 */
import { type CharacterClass, type MrzLayout, type Span } from './mrzLayout.ts';

/** OCR-B glyphs that OCR engines swap between letters and digits. */
const letterForDigit: Readonly<Record<string, string>> = {
  '0': 'O', '1': 'I', '2': 'Z', '4': 'A', '5': 'S', '6': 'G', '7': 'T', '8': 'B',
};
const digitForLetter: Readonly<Record<string, string>> = {
  O: '0', Q: '0', D: '0', U: '0', I: '1', L: '1', J: '1', Z: '2', A: '4', S: '5', G: '6', T: '7', B: '8',
};
/** What a misread sex marker usually was. */
const sexForCharacter: Readonly<Record<string, string>> = { H: 'M', N: 'M', P: 'F', E: 'F', K: '<', C: '<', L: '<' };
/** Characters a `<` filler is commonly read as. */
const fillerLookalikes = new Set(['<', 'K', 'C', 'L', 'E', 'X']);
/** A shorter run might be a real name part such as a one-letter given name. */
const minimumFillerRun = 3;

export interface PositionRepair {
  lines: string[];
  /** how many characters were changed (not personal data: only a count) */
  changes: number;
}

function repairCharacter(character: string, characterClass: CharacterClass): string {
  switch (characterClass) {
    case 'alpha':
      return letterForDigit[character] ?? character;
    case 'numeric':
      return digitForLetter[character] ?? character;
    case 'sex':
      return sexForCharacter[character] ?? character;
    case 'alnum':
      return character;
  }
}

/** Turns the padded tail of `field` back into fillers once it starts with a real `<`. */
function repairFillerTail(characters: string[], field: Span): void {
  let runStart = field.end;
  while (runStart > field.start && fillerLookalikes.has(characters[runStart - 1] ?? '')) runStart--;
  // Keep the run's leading non-filler letters: they end the last name part (PAUL<<<< keeps L).
  while (runStart < field.end && characters[runStart] !== '<') runStart++;
  if (field.end - runStart < minimumFillerRun) return;
  for (let index = runStart; index < field.end; index++) characters[index] = '<';
}

/** Applies the class table and filler rule to lines that already have the layout's length. */
export function repairByPosition(layout: MrzLayout, lines: readonly string[]): PositionRepair {
  let changes = 0;
  const repaired = lines.map((line, lineIndex) => {
    const classes = layout.classes[lineIndex] ?? [];
    const characters = [...line].map((character, index) => repairCharacter(character, classes[index] ?? 'alnum'));
    for (const fieldName of layout.paddedFields) {
      const field = layout.fields[fieldName];
      if (field && field.line === lineIndex) repairFillerTail(characters, field);
    }
    const result = characters.join('');
    for (let index = 0; index < line.length; index++) if (result[index] !== line[index]) changes++;
    return result;
  });
  return { lines: repaired, changes };
}
