/**
 * How a declared birth date differs from the document's, described without the dates themselves
 * (signals must carry no personal data): which parts differ, and whether day and month are simply
 * swapped, the commonest honest slip when a form and a document use different date orders.
 */

export interface BirthDateComparison {
  matches: boolean;
  differingParts: ('year' | 'month' | 'day')[];
  dayMonthSwapped: boolean;
}

/** Both dates as YYYY-MM-DD. */
export function compareBirthDates(declared: string, onDocument: string): BirthDateComparison {
  const [declaredYear, declaredMonth, declaredDay] = declared.split('-');
  const [documentYear, documentMonth, documentDay] = onDocument.split('-');
  const differingParts: BirthDateComparison['differingParts'] = [];
  if (declaredYear !== documentYear) differingParts.push('year');
  if (declaredMonth !== documentMonth) differingParts.push('month');
  if (declaredDay !== documentDay) differingParts.push('day');
  const dayMonthSwapped = differingParts.length === 2 && declaredYear === documentYear && declaredMonth === documentDay && declaredDay === documentMonth;
  return { matches: differingParts.length === 0, differingParts, dayMonthSwapped };
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
