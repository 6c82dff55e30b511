import type pg from 'pg';
import type { PrismaClient } from '../../core/database.ts';
import type { Prisma } from '../../prisma/generated/client.ts';
import { runStatement } from '../../core/sql.ts';
import { countHitSql } from '../rateLimitStore.ts';
import { randomToken, sha256Hex } from './secrets.ts';

/** Marketplace keys look like `bf_<43 url-safe chars>`; the prefix makes leaked keys easy to scan for. */
export const API_KEY_PREFIX = 'bf_';
const LAST_USED_RESOLUTION_MS = 60_000;

export interface IssuedApiKey {
  id: string;
  /** shown once; only its hash is stored */
  key: string;
  prefix: string;
}

export async function issueApiKey(prisma: PrismaClient | Prisma.TransactionClient, tenantId: string, name: string): Promise<IssuedApiKey> {
  const key = `${API_KEY_PREFIX}${randomToken()}`;
  const prefix = key.slice(0, API_KEY_PREFIX.length + 6);
  const row = await prisma.apiKey.create({ data: { tenantId, name, prefix, secretHash: sha256Hex(key) } });
  return { id: row.id, key, prefix };
}

export interface AuthenticatedTenant {
  tenantId: string;
  tenantSlug: string;
  apiKeyId: string;
}

/** Whether a presented key could be one of ours; anything else is refused without a lookup. */
export const isWellFormedApiKey = (key: string): boolean => key.startsWith(API_KEY_PREFIX) && key.length <= 128;

interface KeyRow {
  id: string;
  tenant_id: string;
  slug: string;
  last_used_at: Date | null;
  hits: number | null;
  ttl_ms: number | null;
}

/** A per-key request budget: requests of one key in one group count together, per window. */
export interface ApiKeyBudget {
  group: string;
  perWindow: number;
  windowMs: number;
}

export interface BudgetUse {
  /** requests counted in the current window, this one included */
  hits: number;
  /** until the window ends */
  ttlMs: number;
}

/**
 * The tenant an active (not revoked) key belongs to, or null; a disabled tenant's keys are refused.
 * With a budget, the request is counted against the key's budget in the same statement (the
 * counter's key is `group:apiKeyId`, as the rate-limit store counts any other limit). Every API
 * request runs this, so it is one SQL statement on the pool: the lookup and the count were two
 * round trips, and the ORM's per-query planning was a fifth of a submission's CPU.
 */
export async function authenticateApiKey(
  pool: Pick<pg.Pool, 'query'>,
  key: string,
  budget?: Pick<ApiKeyBudget, 'group' | 'windowMs'>,
  now = new Date(),
): Promise<(AuthenticatedTenant & { budget: BudgetUse | null }) | null> {
  if (!isWellFormedApiKey(key)) return null;
  // the column is a UTC wall time (timestamp without zone, as the ORM writes it)
  const lookup = `SELECT k.id, k.tenant_id, t.slug, k.last_used_at AT TIME ZONE 'UTC' AS last_used_at FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
     WHERE k.secret_hash = $1 AND k.revoked_at IS NULL AND t.disabled_at IS NULL`;
  const { rows: [row] } = budget
    ? await runStatement<KeyRow>(
        pool,
        `WITH api_key AS (${lookup}), hit AS (${countHitSql(`$2 || ':' || api_key.id`, '$3::float8', 'FROM api_key')})
         SELECT api_key.*, hit.hits, hit.ttl_ms FROM api_key CROSS JOIN hit`,
        [sha256Hex(key), budget.group, budget.windowMs],
      )
    : await runStatement<KeyRow>(pool, `SELECT *, NULL::int AS hits, NULL::int AS ttl_ms FROM (${lookup}) AS api_key`, [sha256Hex(key)]);
  if (!row) return null;
  // Record use at minute resolution: an audit aid without a write on every request.
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
    await runStatement(pool, `UPDATE api_keys SET last_used_at = $2::timestamptz AT TIME ZONE 'UTC' WHERE id = $1`, [row.id, now]);
  }
  return {
    tenantId: row.tenant_id,
    tenantSlug: row.slug,
    apiKeyId: row.id,
    budget: row.hits === null || row.ttl_ms === null ? null : { hits: row.hits, ttlMs: row.ttl_ms },
  };
}

export async function isApiKeyActive(prisma: PrismaClient, key: string): Promise<boolean> {
  const row = await prisma.apiKey.findUnique({ where: { secretHash: sha256Hex(key) } });
  return Boolean(row && !row.revokedAt);
}

export async function revokeApiKey(prisma: PrismaClient, apiKeyId: string, now = new Date()): Promise<void> {
  await prisma.apiKey.update({ where: { id: apiKeyId }, data: { revokedAt: now } });
}
