/**
 * The audit log: who did what, when, to which object, from where. Entries are appended under a
 * transaction-scoped advisory lock so each one can carry the hash of the one before it; the
 * database ignores updates and deletes (migration rules), and `verifyAuditChain` finds any entry
 * that was altered or removed by other means.
 */
import { createHash } from 'node:crypto';
import type { PrismaClient } from './database.ts';
import type { Prisma } from '../prisma/generated/client.ts';

export interface AuditActor {
  /** `anonymous`: a caller who did not authenticate (a failed console login) */
  type: 'user' | 'api_key' | 'system' | 'anonymous';
  id: string | null;
  /** what a person reading the log recognises: an email, a key's name */
  label: string;
}

export interface AuditEvent {
  actor: AuditActor;
  /** dotted verb, e.g. `case.decided`, `case.claimed`, `personal_data.viewed`, `api_key.revoked` */
  action: string;
  objectType: string;
  objectId: string | null;
  tenantId?: string | null;
  /** what changed; never personal data (ids, codes, names of settings) */
  detail?: Record<string, unknown>;
  ipAddress?: string | null;
}

/** Arbitrary but fixed: the key of the advisory lock that serialises appends. */
const AUDIT_LOCK_KEY = 731_405_221;
const GENESIS = '0'.repeat(64);

type AuditClient = Pick<PrismaClient, '$executeRaw' | 'auditEntry'>;

/** JSON with object keys sorted: PostgreSQL's jsonb gives keys back in its own order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}

export function auditEntryHash(prevHash: string, entry: { at: Date; actorType: string; actorId: string | null; actorLabel: string; action: string; objectType: string; objectId: string | null; tenantId: string | null; detail: unknown; ipAddress: string | null }): string {
  const text = JSON.stringify([
    prevHash,
    entry.at.toISOString(),
    entry.actorType,
    entry.actorId,
    entry.actorLabel,
    entry.action,
    entry.objectType,
    entry.objectId,
    entry.tenantId,
    canonical(entry.detail),
    entry.ipAddress,
  ]);
  return createHash('sha256').update(text).digest('hex');
}

async function appendWith(tx: AuditClient, event: AuditEvent, at: Date): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: 'desc' }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS;
  // JSON round trip: the hash must cover what PostgreSQL will give back (no undefined, no Dates).
  const detail = JSON.parse(JSON.stringify(event.detail ?? {})) as Prisma.InputJsonObject;
  const row = {
    at,
    actorType: event.actor.type,
    actorId: event.actor.id,
    actorLabel: event.actor.label,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId,
    tenantId: event.tenantId ?? null,
    detail,
    ipAddress: event.ipAddress ?? null,
  };
  await tx.auditEntry.create({ data: { ...row, prevHash, hash: auditEntryHash(prevHash, row) } });
}

/**
 * Appends one entry. Pass a transaction client to make the entry part of the change it records
 * (the change and its audit entry commit together or not at all).
 */
export async function appendAudit(prisma: PrismaClient | Prisma.TransactionClient, event: AuditEvent, at = new Date()): Promise<void> {
  if ('$transaction' in prisma) {
    await prisma.$transaction(async (tx) => appendWith(tx, event, at));
  } else {
    await appendWith(prisma, event, at);
  }
}

export interface ChainCheck {
  entries: number;
  /** sequence number of the first entry whose hash or link does not hold */
  brokenAt: bigint | null;
}

/** Walks the chain in order (in pages, so a long log does not load at once). */
export async function verifyAuditChain(prisma: Pick<PrismaClient, 'auditEntry'>, pageSize = 1000): Promise<ChainCheck> {
  let prevHash = GENESIS;
  let after = -1n;
  let entries = 0;
  for (;;) {
    const page = await prisma.auditEntry.findMany({ where: { seq: { gt: after } }, orderBy: { seq: 'asc' }, take: pageSize });
    if (page.length === 0) return { entries, brokenAt: null };
    for (const row of page) {
      const expected = auditEntryHash(prevHash, { ...row, detail: row.detail });
      if (row.prevHash !== prevHash || row.hash !== expected) return { entries, brokenAt: row.seq };
      prevHash = row.hash;
      after = row.seq;
      entries += 1;
    }
  }
}
