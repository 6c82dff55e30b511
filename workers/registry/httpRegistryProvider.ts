/**
 * A KYB provider's REST API: `GET {baseUrl}/v1/companies/{country}/{registrationNumber}` with a
 * bearer key; 200 is the company record, 404 means the registry has no such company. Every other
 * answer is RegistryUnavailableError, because the vetting must escalate, never conclude, when the
 * registry could not really answer. Calls go through outboundFetch: deadline, size limit, no
 * redirects, no private destinations.
 */
import {
  OutboundBlockedAddressError,
  OutboundNetworkError,
  OutboundResponseTooLargeError,
  OutboundTimeoutError,
} from '../http/errors.ts';
import { outboundFetch, type HostnameResolver, type OutboundResponse } from '../http/outboundFetch.ts';
import { parseRetryAfter } from '../http/retryAfter.ts';
import {
  checkRegistryQuery,
  RegistryUnavailableError,
  type BusinessRegistryProvider,
  type RegistryLookup,
  type RegistryQuery,
} from './provider.ts';
import { normaliseRegistrationNumber, parseRegistryRecord } from './registryRecord.ts';

export interface HttpRegistryProviderOptions {
  /** e.g. `https://kyb.example.com`; a path prefix is kept */
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  /** development only: a fixture server on 127.0.0.1 */
  allowPrivateNetwork?: boolean;
  /** a record is a few hundred bytes; anything past this is not one. Default 64 KiB. */
  maxResponseBytes?: number;
  resolveHostname?: HostnameResolver;
  /** for Retry-After dates; defaults to the system clock */
  clock?: () => Date;
}

export class HttpRegistryProvider implements BusinessRegistryProvider {
  constructor(private readonly options: HttpRegistryProviderOptions) {}

  async lookup(query: RegistryQuery, { signal }: { signal?: AbortSignal } = {}): Promise<RegistryLookup> {
    const { country, registrationNumber } = checkRegistryQuery(query);
    const base = this.options.baseUrl.replace(/\/+$/, '');
    const url = `${base}/v1/companies/${encodeURIComponent(country)}/${encodeURIComponent(registrationNumber)}`;
    let response: OutboundResponse;
    try {
      response = await outboundFetch(url, {
        headers: { authorization: `Bearer ${this.options.apiKey}`, accept: 'application/json' },
        timeoutMs: this.options.timeoutMs,
        maxResponseBytes: this.options.maxResponseBytes ?? 64 * 1024,
        allowPrivateNetwork: this.options.allowPrivateNetwork,
        resolveHostname: this.options.resolveHostname,
        signal,
      });
    } catch (error) {
      throw unavailableFromFetchError(error);
    }
    return this.interpret(response, country, registrationNumber);
  }

  private interpret(response: OutboundResponse, country: string, registrationNumber: string): RegistryLookup {
    const { status } = response;
    if (status === 200) {
      const record = parseRegistryRecord(parseJson(response.text()));
      // A record for another company (a provider bug, a cache mix-up) must not vouch for this one.
      const sameCompany =
        record?.country === country &&
        normaliseRegistrationNumber(record.registrationNumber) === normaliseRegistrationNumber(registrationNumber);
      if (!record || !sameCompany) throw new RegistryUnavailableError('malformed_response', { httpStatus: status });
      return { status: 'found', record };
    }
    // A misconfigured baseUrl also yields 404s; a steady not_found rate is worth monitoring.
    if (status === 404) return { status: 'not_found' };
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.options.clock?.() ?? new Date());
    const details = { httpStatus: status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
    if (status >= 300 && status < 400) throw new RegistryUnavailableError('redirect', details);
    if (status >= 400 && status < 500) throw new RegistryUnavailableError('http_4xx', details);
    if (status >= 500 && status < 600) throw new RegistryUnavailableError('http_5xx', details);
    throw new RegistryUnavailableError('malformed_response', details); // 2xx other than 200, or nonsense
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function unavailableFromFetchError(error: unknown): unknown {
  if (error instanceof OutboundTimeoutError) return new RegistryUnavailableError('timeout', { cause: error });
  if (error instanceof OutboundNetworkError) return new RegistryUnavailableError('network', { cause: error });
  if (error instanceof OutboundBlockedAddressError) return new RegistryUnavailableError('blocked_address', { cause: error });
  if (error instanceof OutboundResponseTooLargeError) {
    return new RegistryUnavailableError('malformed_response', { httpStatus: error.status, cause: error });
  }
  return error; // the caller's cancellation, or a bug: surface it unchanged
}
