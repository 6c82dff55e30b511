/**
 * Typed failures of `outboundFetch`. Callers switch on `code` (or `instanceof`) to decide between
 * retrying, giving up and escalating; messages never contain headers, bodies or query strings, so
 * they are safe to log and to record on a delivery attempt.
 */

export type OutboundErrorCode = 'timeout' | 'blocked_address' | 'response_too_large' | 'network';

export abstract class OutboundRequestError extends Error {
  abstract readonly code: OutboundErrorCode;
}

/** The total deadline (DNS + connect + headers + body) passed before the response was read. */
export class OutboundTimeoutError extends OutboundRequestError {
  readonly code = 'timeout';
  override readonly name = 'OutboundTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`outbound request timed out after ${timeoutMs} ms`);
  }
}

/**
 * Why a destination was refused before any connection was opened:
 * - `invalid_url`: not an absolute URL;
 * - `scheme_not_allowed`: not http: or https:;
 * - `private_address`: the host is, or resolves to, a non-public address.
 */
export type BlockedAddressReason = 'invalid_url' | 'scheme_not_allowed' | 'private_address';

/** Refused by policy: retrying cannot help until the destination (or its DNS) changes. */
export class OutboundBlockedAddressError extends OutboundRequestError {
  readonly code = 'blocked_address';
  override readonly name = 'OutboundBlockedAddressError';
  constructor(
    readonly reason: BlockedAddressReason,
    /** the offending addresses, e.g. `['127.0.0.1']` (for our logs, never in the message); empty for URL-shape refusals */
    readonly addresses: readonly string[] = [],
  ) {
    // The message never names the addresses: it is recorded on delivery attempts a marketplace
    // can read, and an internal address found by resolving its hostname is ours, not theirs.
    super(reason === 'private_address' ? 'destination refused: resolves to a non-public address' : `destination refused: ${reason.replaceAll('_', ' ')}`);
  }
}

/** The response body exceeded `maxResponseBytes`; reading stopped at the limit. */
export class OutboundResponseTooLargeError extends OutboundRequestError {
  readonly code = 'response_too_large';
  override readonly name = 'OutboundResponseTooLargeError';
  constructor(
    readonly limitBytes: number,
    /** the HTTP status of the oversized response, so a caller can still classify it */
    readonly status: number,
  ) {
    super(`response body exceeds ${limitBytes} bytes (HTTP ${status})`);
  }
}

/** DNS failure, refused or reset connection, TLS failure: usually transient. */
export class OutboundNetworkError extends OutboundRequestError {
  readonly code = 'network';
  override readonly name = 'OutboundNetworkError';
  constructor(
    /** a short system or undici code such as `ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET` */
    readonly causeCode: string,
    options?: { cause?: unknown },
  ) {
    super(`outbound request failed: ${causeCode}`, options);
  }
}
