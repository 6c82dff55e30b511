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

/** The tenant an active (not revoked) key belongs to, or null; a disabled tenant's keys are refused. */
export async function authenticateApiKey(prisma: PrismaClient, key: string, now = new Date()): Promise<AuthenticatedTenant | null> {
  if (!isWellFormedApiKey(key)) return null;
  const row = await prisma.apiKey.findUnique({
    where: { secretHash: sha256Hex(key) },
    include: { tenant: { select: { slug: true, disabledAt: true } } },
  });
  if (!row || row.revokedAt || row.tenant.disabledAt) return null;
  // Record use at minute resolution: an audit aid without a write on every request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { tenantId: row.tenantId, tenantSlug: row.tenant.slug, apiKeyId: row.id };
}

export async function isApiKeyActive(prisma: PrismaClient, key: string): Promise<boolean> {
  const row = await prisma.apiKey.findUnique({ where: { secretHash: sha256Hex(key) } });
  return Boolean(row && !row.revokedAt);
}

export async function revokeApiKey(prisma: PrismaClient, apiKeyId: string, now = new Date()): Promise<void> {
  await prisma.apiKey.update({ where: { id: apiKeyId }, data: { revokedAt: now } });
}
