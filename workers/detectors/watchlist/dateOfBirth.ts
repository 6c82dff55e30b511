/**
 * Year-level comparison of a seller's date of birth with the dates an entry lists. Lists give
 * partial and approximate dates ("1965", "circa 1970", "1962 to 1964"), so anything finer than
 * the year would call many true matches a mismatch.
 */

export type DateOfBirthCheck = 'match' | 'mismatch' | 'not_checked';

interface YearRange { from: number; to: number }

// "circa" on a list means the year is an estimate; two years either side is the usual reading.
const CIRCA_YEARS = 2;
const YEAR = /\b(1[89]\d\d|20\d\d)\b/g;

export function listedBirthYears(datesOfBirth: readonly string[]): YearRange[] {
  const ranges: YearRange[] = [];
  for (const text of datesOfBirth) {
    const years = [...text.matchAll(YEAR)].map((match) => Number(match[1]));
    const first = years[0];
    if (first === undefined) continue;
    if (/\bto\b/i.test(text) && years.length >= 2) {
      ranges.push({ from: Math.min(...years), to: Math.max(...years) });
    } else if (/\bcirca\b/i.test(text)) {
      ranges.push({ from: first - CIRCA_YEARS, to: first + CIRCA_YEARS });
    } else {
      ranges.push(...years.map((year) => ({ from: year, to: year })));
    }
  }
  return ranges;
}

/** `dateOfBirth` is an ISO date ("1965-03-12") or a bare year; anything else is not checked. */
export function compareDateOfBirth(dateOfBirth: string | undefined, datesOfBirth: readonly string[]): DateOfBirthCheck {
  const year = dateOfBirth === undefined ? undefined : /^\s*(\d{4})(?:-\d{2}-\d{2})?\s*$/.exec(dateOfBirth)?.[1];
  const ranges = listedBirthYears(datesOfBirth);
  if (year === undefined || ranges.length === 0) return 'not_checked';
  const value = Number(year);
  return ranges.some(({ from, to }) => value >= from && value <= to) ? 'match' : 'mismatch';
}
