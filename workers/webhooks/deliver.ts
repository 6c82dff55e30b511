/**
 * One signed delivery attempt of an event to a marketplace's webhook URL, classified so that the
 * Temporal activity calling it can record the attempt and the workflow can schedule the next one.
 * Retrying, backoff and recording are the caller's job: this function never loops and never
 * sleeps, and it throws only for programming or configuration errors (an invalid secret or id).
 *
 * Classification:
 * - 2xx: `delivered`;
 * - 410 Gone: `disable` (the receiver says the endpoint is gone for good);
 * - 3xx: `retry`; the redirect is never followed (redirects to private addresses are the SSRF
 *   trick), the marketplace must configure the final URL;
 * - 429, 5xx, timeouts and network failures: `retry`, with `retryAfterMs` from `Retry-After`;
 * - other 4xx: `retry` too. Standard Webhooks receivers signal failure with any non-2xx and
 *   senders retry all of them: a 400/401/404 is usually a receiver deploy or configuration
 *   mistake that gets fixed, and the retry schedule running out is what finally gives up;
 * - a destination refused by the address policy (private address, bad scheme, bad URL):
 *   `give_up`, since retrying the same URL cannot succeed.
 */
import {
  OutboundBlockedAddressError,
  OutboundNetworkError,
  OutboundResponseTooLargeError,
  OutboundTimeoutError,
} from '../http/errors.ts';
import { outboundFetch, type HostnameResolver, type OutboundResponse } from '../http/outboundFetch.ts';
import { parseRetryAfter } from '../http/retryAfter.ts';
import { signWebhook } from './signature.ts';

export type DeliveryOutcome = 'delivered' | 'retry' | 'disable' | 'give_up';

export interface DeliveryAttemptOutcome {
  outcome: DeliveryOutcome;
  /** null when no response arrived (timeout, network failure, refused destination) */
  httpStatus: number | null;
  durationMs: number;
  /** the receiver's `Retry-After`, capped at one hour; only on `retry` */
  retryAfterMs?: number;
  /** short and free of secrets and payload: safe to store and show */
  error?: string;
  /** the first bytes of the response body, decoded as UTF-8 */
  responseExcerpt?: string;
}

export interface DeliverWebhookInput {
  url: string;
  /** the endpoint's `whsec_` secret, or [current, previous] during a rotation */
  secret: string | readonly string[];
  /** becomes `webhook-id`: pass the same id on every retry of one event, receivers dedupe on it */
  eventId: string;
  /** e.g. `seller.vetting.completed` */
  eventType: string;
  /** the event's data; must be JSON-serialisable */
  payload: Readonly<Record<string, unknown>>;
  /** time of this attempt: becomes `webhook-timestamp`, which receivers check for freshness */
  now: Date;
  /**
   * when the event happened: the body's `timestamp`. Defaults to `now`; pass the event's time so
   * the body, like the id, is identical on every retry.
   */
  occurredAt?: Date;
  timeoutMs: number;
  /** development only: deliver to receivers on 127.0.0.1 or a private network */
  allowPrivateNetwork?: boolean;
  resolveHostname?: HostnameResolver;
  /** cancellation of the calling activity; its reason is rethrown */
  signal?: AbortSignal;
}

export const responseExcerptBytes = 500;

/** The Standard Webhooks body: `{ type, timestamp, data }`. */
export function webhookBody(eventType: string, occurredAt: Date, payload: Readonly<Record<string, unknown>>): string {
  return JSON.stringify({ type: eventType, timestamp: occurredAt.toISOString(), data: payload });
}

/** Sends one attempt and says what should happen next. */
export async function deliverWebhook(input: DeliverWebhookInput): Promise<DeliveryAttemptOutcome> {
  const started = performance.now();
  const body = webhookBody(input.eventType, input.occurredAt ?? input.now, input.payload);
  const signatureHeaders = signWebhook({
    secret: input.secret,
    messageId: input.eventId,
    timestampSeconds: Math.floor(input.now.getTime() / 1000),
    body,
  });
  const elapsed = () => Math.round(performance.now() - started);
  let response: OutboundResponse;
  try {
    response = await outboundFetch(input.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Bonafide-Webhooks/1', ...signatureHeaders },
      body,
      timeoutMs: input.timeoutMs,
      // Only the excerpt is kept, so stop reading there: a receiver cannot make us buffer megabytes.
      maxResponseBytes: responseExcerptBytes,
      oversizedBody: 'truncate',
      allowPrivateNetwork: input.allowPrivateNetwork,
      resolveHostname: input.resolveHostname,
      signal: input.signal,
    });
  } catch (error) {
    if (error instanceof OutboundBlockedAddressError) {
      return { outcome: 'give_up', httpStatus: null, durationMs: elapsed(), error: error.message };
    }
    if (error instanceof OutboundTimeoutError || error instanceof OutboundNetworkError) {
      return { outcome: 'retry', httpStatus: null, durationMs: elapsed(), error: error.message };
    }
    if (error instanceof OutboundResponseTooLargeError) {
      // Unreachable while the body is truncated; classify by status should that ever change.
      return { ...classifyStatus(error.status, null, input.now), durationMs: elapsed() };
    }
    throw error;
  }
  const excerpt = response.body.byteLength > 0 ? response.text() : undefined;
  return {
    ...classifyStatus(response.status, response.headers.get('retry-after'), input.now),
    durationMs: elapsed(),
    ...(excerpt === undefined ? {} : { responseExcerpt: excerpt }),
  };
}

function classifyStatus(
  status: number,
  retryAfter: string | null,
  now: Date,
): Omit<DeliveryAttemptOutcome, 'durationMs' | 'responseExcerpt'> {
  if (status >= 200 && status < 300) return { outcome: 'delivered', httpStatus: status };
  if (status === 410) return { outcome: 'disable', httpStatus: status, error: 'HTTP 410: endpoint gone' };
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  const error = status >= 300 && status < 400 ? `HTTP ${status}: redirect not followed` : `HTTP ${status}`;
  return { outcome: 'retry', httpStatus: status, error, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}
