/**
 * MRZ dates are YYMMDD without a century. A birth date cannot be in the future, so a year that
 * would be is in the 1900s; an expiry date is always taken as 20YY (documents last at most a few
 * decades, and none issued under ICAO 9303 expired before 2000 is still around).
 */

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function toIsoDate(century: number, yymmdd: string): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const year = century + Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  if (!isCalendarDate(year, month, day)) return null;
  return `${year}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

/** YYMMDD → YYYY-MM-DD, in the 2000s unless that is after `today` (YYYY-MM-DD); null if not a date. */
export function birthDateFromMrz(yymmdd: string, today: string): string | null {
  const recent = toIsoDate(2000, yymmdd);
  if (recent !== null && recent <= today) return recent;
  return toIsoDate(1900, yymmdd);
}

/** YYMMDD → 20YY-MM-DD; null if not a date. */
export function expiryDateFromMrz(yymmdd: string): string | null {
  return toIsoDate(2000, yymmdd);
}
