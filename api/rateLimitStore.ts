import type pg from 'pg';
import { runStatement } from '../core/sql.ts';

/**
 * A @fastify/rate-limit store in PostgreSQL, so a limit holds across API replicas. One row per
 * key holds the current fixed window (aligned to multiples of the window length on the
 * database's clock, so replicas agree) and its hit count; each request is one atomic upsert that
 * either counts in the current window or starts a new one. Rows of past windows are deleted by
 * the scheduled purge (workers/activities/requestRecordsPurge.ts).
 */
/**
 * The upsert that counts one hit, as a statement of its own or inside a larger one (the API key's
 * lookup counts its budget in the same round trip): `keyExpression` is the counter's key and
 * `windowParameter` the window's length in ms, both SQL (a parameter like `$2`, or an expression).
 */
export const countHitSql = (keyExpression: string, windowParameter: string, from = '') => `
INSERT INTO rate_limit_counters AS counter (key, window_start, hits)
SELECT ${keyExpression}, to_timestamp(floor(extract(epoch FROM clock_timestamp()) * 1000 / ${windowParameter}) * ${windowParameter} / 1000.0) AT TIME ZONE 'UTC', 1 ${from}
ON CONFLICT (key) DO UPDATE
  SET hits = CASE WHEN counter.window_start = EXCLUDED.window_start THEN counter.hits + 1 ELSE 1 END,
      window_start = EXCLUDED.window_start
RETURNING hits,
  greatest(0, ceil(extract(epoch FROM (window_start AT TIME ZONE 'UTC') - clock_timestamp()) * 1000 + ${windowParameter}))::int AS ttl_ms`;

const COUNT_HIT = countHitSql('$1', '$2::float8');

/** Counts one hit on `key` in the current window of `windowMs`: the hits so far and the ms until the window ends. */
export async function countHit(pool: pg.Pool, key: string, windowMs: number): Promise<{ hits: number; ttlMs: number }> {
  const { rows: [row] } = await runStatement<{ hits: number; ttl_ms: number }>(pool, COUNT_HIT, [key, windowMs]);
  if (!row) throw new Error('rate-limit upsert returned no row');
  return { hits: row.hits, ttlMs: row.ttl_ms };
}

type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

export interface RateLimitStore {
  /** @fastify/rate-limit passes the route's window (ms) as the third argument */
  incr(key: string, callback: IncrCallback, timeWindow?: number): void;
  child(routeOptions: unknown): RateLimitStore;
}

/** The store class @fastify/rate-limit instantiates (it calls `new store(options)`). */
export function createPostgresRateLimitStore(pool: pg.Pool): new () => RateLimitStore {
  return class PostgresRateLimitStore implements RateLimitStore {
    incr(key: string, callback: IncrCallback, timeWindow?: number): void {
      if (!timeWindow) return callback(new Error('rate-limit store called without a time window'));
      countHit(pool, key, timeWindow).then(
        ({ hits, ttlMs }) => callback(null, { current: hits, ttl: ttlMs }),
        (error: Error) => callback(error),
      );
    }

    // Keys are namespaced by their generator (api-key:…, console-login:…), so routes share one table.
    child(): RateLimitStore {
      return this;
    }
  };
}
