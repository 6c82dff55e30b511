import type pg from 'pg';
import type { PrismaClient } from '../../core/database.ts';
import type { Prisma } from '../../prisma/generated/client.ts';
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
}

/**
 * The tenant an active (not revoked) key belongs to, or null; a disabled tenant's keys are refused.
 * Every API request runs this, so it is one SQL statement on the pool rather than the ORM's query
 * (whose per-query planning was a fifth of a submission's CPU).
 */
export async function authenticateApiKey(pool: Pick<pg.Pool, 'query'>, key: string, now = new Date()): Promise<AuthenticatedTenant | null> {
  if (!isWellFormedApiKey(key)) return null;
  const { rows: [row] } = await pool.query<KeyRow>(
    // the column is a UTC wall time (timestamp without zone, as the ORM writes it)
    `SELECT k.id, k.tenant_id, t.slug, k.last_used_at AT TIME ZONE 'UTC' AS last_used_at FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
     WHERE k.secret_hash = $1 AND k.revoked_at IS NULL AND t.disabled_at IS NULL`,
    [sha256Hex(key)],
  );
  if (!row) return null;
  // Record use at minute resolution: an audit aid without a write on every request.
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
    await pool.query(`UPDATE api_keys SET last_used_at = $2::timestamptz AT TIME ZONE 'UTC' WHERE id = $1`, [row.id, now]);
  }
  return { tenantId: row.tenant_id, tenantSlug: row.slug, apiKeyId: row.id };
}

export async function isApiKeyActive(prisma: PrismaClient, key: string): Promise<boolean> {
  const row = await prisma.apiKey.findUnique({ where: { secretHash: sha256Hex(key) } });
  return Boolean(row && !row.revokedAt);
}

export async function revokeApiKey(prisma: PrismaClient, apiKeyId: string, now = new Date()): Promise<void> {
  await prisma.apiKey.update({ where: { id: apiKeyId }, data: { revokedAt: now } });
}
