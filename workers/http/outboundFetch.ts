/**
 * The only way workers call third parties (registry/KYB providers, marketplace webhook URLs).
 * Every call has a total deadline, a response-size limit, never follows redirects (a 3xx comes
 * back to the caller as-is: "redirect to 169.254.169.254" is the classic SSRF trick) and refuses
 * destinations that resolve to non-public addresses (see core/addressPolicy.ts) unless the caller opts
 * in with `allowPrivateNetwork` (development fixture servers on 127.0.0.1).
 *
 * DNS rebinding: the hostname is resolved once, here, every address is checked, and the
 * connection is pinned to exactly those addresses through a per-request undici Agent whose
 * `connect.lookup` returns them instead of asking DNS again. A record that changes between the
 * check and the connection therefore cannot redirect us; TLS still verifies the certificate
 * against the hostname, because only the lookup is replaced, not the URL.
 *
 * The Agent of one hostname and one set of checked addresses is kept (up to PINNED_AGENTS of them,
 * the least recently used closed first), so its connections are kept alive and reused: a new
 * Agent per request made every webhook delivery a new TCP connection and, to an https receiver, a
 * new TLS handshake. The hostname is still resolved and checked on every request, and a request
 * whose addresses changed gets the Agent of the new set; a kept connection goes to an address that
 * was checked when it was opened.
 *
 * Requests go through `globalThis.fetch`, looked up at call time, with that Agent as dispatcher.
 * nock 15 intercepts the global fetch at the socket level, so tests see every request, while in
 * production Node's fetch uses the pinned Agent. The address check runs before fetch, in our
 * code, so it applies in both cases.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { LRUCache } from 'lru-cache';
import { Agent, type Dispatcher } from 'undici';
import { nonPublicAddresses } from '../../core/addressPolicy.ts';
import { OutboundBlockedAddressError, OutboundNetworkError, OutboundRequestError, OutboundTimeoutError } from './errors.ts';
import { readLimitedBody } from './readLimitedBody.ts';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a hostname to every address it has (injected in tests, where there is no DNS). */
export type HostnameResolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** getaddrinfo, like Node's own connections: honours /etc/hosts and the system resolver. */
export const resolveWithSystemDns: HostnameResolver = async (hostname) => {
  const results = await dnsLookup(hostname, { all: true, verbatim: true });
  return results.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

export interface OutboundFetchOptions {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Readonly<Record<string, string>>;
  body?: string;
  /** total deadline for DNS, connection, headers and body; required because there is no safe default */
  timeoutMs: number;
  /** default 1 MiB; counted after decompression, so a gzip bomb stops at the limit too */
  maxResponseBytes?: number;
  /** `throw` (default): OutboundResponseTooLargeError; `truncate`: keep the first bytes, flag it */
  oversizedBody?: 'throw' | 'truncate';
  /** allow loopback/private/link-local destinations: development fixture servers only */
  allowPrivateNetwork?: boolean;
  /** caller cancellation (e.g. a Temporal activity's cancellation signal); its reason is rethrown */
  signal?: AbortSignal;
  resolveHostname?: HostnameResolver;
}

export interface OutboundResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
  /** true when `oversizedBody: 'truncate'` cut the body at `maxResponseBytes` */
  bodyTruncated: boolean;
  durationMs: number;
  /** the body decoded as UTF-8 (invalid sequences become U+FFFD) */
  text(): string;
}

export const defaultMaxResponseBytes = 1024 * 1024;

/** Hostnames (with their checked addresses) whose pinned Agent is kept, with its idle connections. */
const PINNED_AGENTS = 256;
const pinnedAgents = new LRUCache<string, Agent>({
  max: PINNED_AGENTS,
  // an Agent pushed out finishes the requests it has in flight, then closes its connections
  dispose: (agent) => void agent.close().catch(() => undefined),
});

/** The kept Agent whose connections go only to `addresses` for this origin. */
function pinnedAgent(target: URL, addresses: readonly ResolvedAddress[]): Agent {
  const key = `${target.protocol}//${target.host}|${addresses.map((a) => a.address).sort().join(',')}`;
  let agent = pinnedAgents.get(key);
  if (!agent) {
    agent = new Agent({ connect: { lookup: pinnedLookup(addresses) } });
    pinnedAgents.set(key, agent);
  }
  return agent;
}

/**
 * Performs one HTTP request under the rules above. Resolves with any status, 3xx included;
 * rejects with an OutboundRequestError subclass, or with the caller's abort reason.
 */
export async function outboundFetch(url: string | URL, options: OutboundFetchOptions): Promise<OutboundResponse> {
  const started = performance.now();
  const target = parseTarget(url);
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  try {
    const addresses = await untilAborted(resolveAndCheck(target, options), signal);
    const agent = addresses ? pinnedAgent(target, addresses) : undefined;
    const init: RequestInit & { dispatcher?: Dispatcher } = {
      method: options.method ?? 'GET',
      headers: { ...options.headers },
      body: options.body,
      redirect: 'manual',
      signal,
      dispatcher: agent,
    };
    const response = await globalThis.fetch(target, init);
    const limit = options.maxResponseBytes ?? defaultMaxResponseBytes;
    const { body, truncated } = await readLimitedBody(response, limit, options.oversizedBody ?? 'throw');
    return {
      status: response.status,
      headers: response.headers,
      body,
      bodyTruncated: truncated,
      durationMs: Math.round(performance.now() - started),
      text: () => new TextDecoder().decode(body),
    };
  } catch (error) {
    if (error instanceof OutboundRequestError) throw error;
    if (options.signal?.aborted) throw options.signal.reason;
    if (deadline.aborted) throw new OutboundTimeoutError(options.timeoutMs);
    const code = networkFailureCode(error);
    if (code === undefined) throw error; // a bug (e.g. an invalid header value), not the network
    throw new OutboundNetworkError(code, { cause: error });
  }
}

function parseTarget(url: string | URL): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new OutboundBlockedAddressError('invalid_url');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new OutboundBlockedAddressError('scheme_not_allowed');
  }
  // fetch refuses URLs with credentials anyway; refusing here makes it a typed, permanent failure.
  if (target.username !== '' || target.password !== '') throw new OutboundBlockedAddressError('invalid_url');
  return target;
}

/** The addresses to pin the connection to, or undefined when the URL already names an IP. */
async function resolveAndCheck(target: URL, options: OutboundFetchOptions): Promise<readonly ResolvedAddress[] | undefined> {
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1'); // IPv6 literals come bracketed
  const literalFamily = isIP(host);
  const addresses =
    literalFamily === 0
      ? await (options.resolveHostname ?? resolveWithSystemDns)(host)
      : [{ address: host, family: literalFamily === 6 ? 6 : 4 } as const];
  if (addresses.length === 0) throw new OutboundNetworkError('ENOTFOUND');
  // Refuse the destination if ANY address is non-public: the connection may use any of them.
  const refused = options.allowPrivateNetwork ? [] : nonPublicAddresses(addresses.map((a) => a.address));
  if (refused.length > 0) throw new OutboundBlockedAddressError('private_address', refused);
  return literalFamily === 0 ? addresses : undefined;
}

/** A `lookup` for net.connect that answers with the already-checked addresses, never DNS. */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, lookupOptions, callback) => {
    const family = lookupOptions.family === 'IPv4' ? 4 : lookupOptions.family === 'IPv6' ? 6 : lookupOptions.family;
    const wanted = addresses.filter((a) => !family || a.family === family);
    const first = wanted[0];
    if (!first) {
      callback(Object.assign(new Error('no pinned address of the requested family'), { code: 'ENOTFOUND' }), '');
    } else if (lookupOptions.all) {
      callback(null, wanted.map((a) => ({ address: a.address, family: a.family })));
    } else {
      callback(null, first.address, first.family);
    }
  };
}

/** Rejects with the signal's reason as soon as it aborts (DNS lookups cannot be cancelled). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** fetch reports network failures as `TypeError('fetch failed', { cause })`; DNS errors carry a code. */
function networkFailureCode(error: unknown): string | undefined {
  const errnoCode = (value: unknown): string | undefined =>
    value instanceof Error && 'code' in value && typeof value.code === 'string' ? value.code : undefined;
  if (error instanceof TypeError && error.message === 'fetch failed') {
    return errnoCode(error.cause) ?? (error.cause instanceof Error ? error.cause.name : 'fetch_failed');
  }
  return errnoCode(error);
}
