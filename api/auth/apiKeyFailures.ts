/**
 * Failed API-key authentications, limited per client address. Every request with an unknown or
 * revoked key costs a lookup in the key table, and the per-key limits cannot count a key that does
 * not exist; so past API_KEY_FAILURES_PER_MINUTE failures from one address in a minute, that
 * address's API-key requests answer 429 without a lookup until the minute ends.
 *
 * Failures are counted in PostgreSQL (`rate_limit_counters`, one-minute windows shared by every
 * replica). The refusal is remembered in the process, so a request with a valid key costs no extra
 * query; a replica that has not yet seen the address over the limit learns it from its next
 * failure there. IPv6 clients are counted per /64, the block a single site usually gets.
 */
import ipaddr from 'ipaddr.js';
import type pg from 'pg';
import { countHit } from '../rateLimitStore.ts';

const WINDOW_MS = 60_000;
/** Refused addresses remembered at most, so a spread-out attack cannot grow the map without bound. */
const MAX_REMEMBERED = 10_000;

/** The address a failure is counted under. */
export function clientKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address); // IPv4-mapped IPv6 becomes IPv4
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${(parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16)).join(':')}::/64`;
}

export interface ApiKeyFailures {
  /** seconds until the address may present keys again; 0 when it may now */
  refusedFor(address: string): number;
  /** counts a failed authentication; like refusedFor once the address is past the limit */
  record(address: string): Promise<number>;
}

export function createApiKeyFailures(pool: pg.Pool, perMinute: number): ApiKeyFailures {
  const refusedUntil = new Map<string, number>();

  function remember(key: string, until: number): void {
    refusedUntil.delete(key);
    refusedUntil.set(key, until);
    if (refusedUntil.size <= MAX_REMEMBERED) return;
    const now = Date.now();
    for (const [other, otherUntil] of refusedUntil) if (otherUntil <= now) refusedUntil.delete(other);
    // still full: forget the oldest (a replica then spends one lookup to learn it again)
    for (const other of refusedUntil.keys()) {
      if (refusedUntil.size <= MAX_REMEMBERED) break;
      refusedUntil.delete(other);
    }
  }

  function refusedFor(address: string): number {
    const key = clientKey(address);
    const until = refusedUntil.get(key);
    if (until === undefined) return 0;
    const left = until - Date.now();
    if (left <= 0) {
      refusedUntil.delete(key);
      return 0;
    }
    return Math.ceil(left / 1000);
  }

  return {
    refusedFor,
    async record(address) {
      const key = clientKey(address);
      const { hits, ttlMs } = await countHit(pool, `api-key-failures:${key}`, WINDOW_MS);
      if (hits <= perMinute) return 0;
      remember(key, Date.now() + Math.max(ttlMs, 1000));
      return refusedFor(address);
    },
  };
}
