/**
 * `Retry-After` (RFC 9110 §10.2.3) as a delay in milliseconds. A third party's header must not be
 * able to park a retry for days, so the delay is capped; the caller's retry policy still decides
 * whether to wait that long or give up.
 */

/** One hour: longer than any outage we would wait out without a human noticing. */
export const maxRetryAfterMs = 60 * 60 * 1000;

/** HTTP-dates start with a day name (`Wed, 21 Oct 2015 07:28:00 GMT`, or the obsolete forms). */
const httpDatePattern = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s/;

/**
 * Parses `delay-seconds` or an HTTP-date (relative to `now`) into milliseconds in `[0, capMs]`.
 * Returns `undefined` when the header is absent or malformed, so the caller falls back to its own
 * backoff instead of trusting garbage.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: Date,
  capMs: number = maxRetryAfterMs,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, capMs);
  if (!httpDatePattern.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(at - now.getTime(), 0), capMs);
}
