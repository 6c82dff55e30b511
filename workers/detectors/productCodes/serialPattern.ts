/**
 * A brand's serial pattern: a regular expression the marketplace gives, which every serial a
 * buyer sends is then matched against. JavaScript's engine backtracks and cannot be stopped
 * mid-match, so a pattern is accepted only when it cannot take exponential time: `safe-regex2`
 * (star height at most 1, a bounded number of repetitions) refuses nested quantifiers, and we
 * refuse what it does not look at: back-references and lookarounds, and quantified groups with
 * alternatives that can match the same text (`(a|a)*`, `(\d|\w)+`), the other classic blow-up.
 * Serials are short and bounded (`SERIAL_MAX_LENGTH`), and a pattern matches the whole serial.
 */
import safeRegex from 'safe-regex2';

export const SERIAL_PATTERN_MAX_LENGTH = 200;
export const SERIAL_MAX_LENGTH = 64;

/** Why a pattern is refused, or null when it is safe to run on any serial. */
export function serialPatternProblem(pattern: string): string | null {
  if (pattern.length === 0 || pattern.length > SERIAL_PATTERN_MAX_LENGTH) return `must be 1 to ${SERIAL_PATTERN_MAX_LENGTH} characters`;
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'must not use back-references';
  if (/\(\?<?[=!]/.test(pattern)) return 'must not use lookahead or lookbehind';
  if (!safeRegex(pattern, { limit: 25 })) return 'could take exponential time on some serials (nested or repeated quantifiers)';
  // an alternation inside a quantified group: (x|y)* where both branches can start alike
  if (/\([^()]*\|[^()]*\)[*+{]/.test(pattern)) return 'must not repeat a group of alternatives; use a character class instead';
  return null;
}

/** Whether a serial matches the brand's (already accepted) pattern, whole. */
export function serialMatchesPattern(pattern: string, serial: string): boolean {
  return serialMatcher(pattern)(serial);
}

/** The pattern compiled once, for matching many serials (an import of 100,000 codes). */
export function serialMatcher(pattern: string): (serial: string) => boolean {
  const whole = new RegExp(`^(?:${pattern})$`, 'u');
  return (serial) => serial.length <= SERIAL_MAX_LENGTH && whole.test(serial);
}
