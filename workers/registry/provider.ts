/**
 * The business registry (KYB) port: given what a seller declared, what does the registry of that
 * country say about the company? Implementations: `HttpRegistryProvider` (a provider's REST API)
 * and `FixtureRegistryProvider` (synthetic companies for development, tests and evaluation).
 */
import type { RegistryRecord } from './registryRecord.ts';

export interface RegistryQuery {
  /** ISO 3166-1 alpha-2, e.g. `GB` */
  country: string;
  registrationNumber: string;
  /**
   * What the seller declared. Providers that look up by number do not send it: the name is
   * compared afterwards by the business-registry detector, so no more data leaves than needed.
   */
  businessName: string;
}

export type RegistryLookup = { status: 'found'; record: RegistryRecord } | { status: 'not_found' };

export interface BusinessRegistryProvider {
  /**
   * Resolves with what the registry knows; rejects with RegistryUnavailableError when it cannot
   * answer (never resolves `not_found` for an outage: that would reject honest sellers).
   */
  lookup(query: RegistryQuery, options?: { signal?: AbortSignal }): Promise<RegistryLookup>;
}

export type RegistryUnavailableReason =
  | 'timeout'
  | 'http_5xx'
  | 'http_4xx'
  | 'malformed_response'
  | 'redirect'
  | 'blocked_address'
  | 'network';

/** Reasons worth retrying soon; the others need a person to fix configuration or the provider. */
const transientReasons: ReadonlySet<RegistryUnavailableReason> = new Set(['timeout', 'http_5xx', 'network']);

export class RegistryUnavailableError extends Error {
  override readonly name = 'RegistryUnavailableError';
  /** true for timeouts, 5xx, network failures and 429: a Temporal retry may succeed */
  readonly retryable: boolean;
  readonly httpStatus?: number;
  /** the provider's Retry-After, capped at one hour */
  readonly retryAfterMs?: number;

  constructor(
    readonly reason: RegistryUnavailableReason,
    details: { httpStatus?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    // The message never carries the API key, the URL or the response body.
    super(`business registry unavailable: ${reason}${details.httpStatus ? ` (HTTP ${details.httpStatus})` : ''}`, {
      cause: details.cause,
    });
    this.retryable = transientReasons.has(reason) || details.httpStatus === 429;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** The query could not be a registry lookup at all (the API schema should have refused it). */
export class InvalidRegistryQueryError extends Error {
  override readonly name = 'InvalidRegistryQueryError';
}

/**
 * The query's country upper-cased and registration number trimmed, or InvalidRegistryQueryError.
 * Numbers must start with a letter or digit, so no path segment can be `.` or `..`.
 */
export function checkRegistryQuery(query: RegistryQuery): { country: string; registrationNumber: string } {
  const country = query.country.trim().toUpperCase();
  const registrationNumber = query.registrationNumber.trim();
  if (!/^[A-Z]{2}$/.test(country)) throw new InvalidRegistryQueryError('country must be ISO 3166-1 alpha-2');
  if (!/^[A-Za-z0-9][A-Za-z0-9 ./-]{0,63}$/.test(registrationNumber)) {
    throw new InvalidRegistryQueryError('registration number must be 1-64 letters, digits, spaces, dots, dashes or slashes');
  }
  return { country, registrationNumber };
}
