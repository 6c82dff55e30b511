/** How an SLA deadline reads relative to `now`; overdue once the deadline has passed. */
export interface SlaState {
  label: string;
  overdue: boolean;
}

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** A relative label such as "in 3 hours" or "2 days ago", in the largest whole unit that fits. */
export function relativeLabel(diffMs: number, locale = 'en'): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const size = Math.abs(diffMs);
  const unit = UNITS.find(([, ms]) => size >= ms);
  if (!unit) return format.format(Math.round(diffMs / 1000), 'second');
  const [name, ms] = unit;
  // Truncate towards zero so "1 hour 59 minutes ago" reads "1 hour ago", never "2 hours ago".
  return format.format(Math.trunc(diffMs / ms), name);
}

/** SLA state of a case due at `dueAt` (ISO); undefined when the date cannot be read. */
export function slaState(dueAt: unknown, now: Date, locale = 'en'): SlaState | undefined {
  if (typeof dueAt !== 'string') return undefined;
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return undefined;
  const diffMs = due - now.getTime();
  return { label: relativeLabel(diffMs, locale), overdue: diffMs <= 0 };
}
