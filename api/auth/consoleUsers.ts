/**
 * Console users as the operator manages them, shared by the admin API and `npm run admin`:
 * creating one (password hashed, memberships, audit entry in the same transaction) and ending
 * every session of a user whose access was taken away or whose password was reset.
 */
import { appendAudit, type AuditEvent } from '../../core/audit.ts';
import type { PrismaClient } from '../../core/database.ts';
import type { Prisma, UserRole } from '../../prisma/generated/client.ts';
import { hashPassword } from './passwords.ts';

/** Long enough to resist guessing at the login's rate limit; the development password is 12. */
export const MIN_PASSWORD_LENGTH = 12;

export interface NewConsoleUser {
  email: string;
  displayName: string;
  role: UserRole;
  password: string;
  /** platform-wide: every marketplace, now and later */
  allMarketplaces: boolean;
  marketplaceIds: string[];
}

export class UnknownMarketplacesError extends Error {
  constructor(readonly ids: string[]) {
    super(`unknown marketplace(s): ${ids.join(', ')}`);
    this.name = 'UnknownMarketplacesError';
  }
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** Ids in the list that name no marketplace. */
export async function unknownMarketplaces(tx: Prisma.TransactionClient, ids: string[]): Promise<string[]> {
  const found = await tx.tenant.findMany({ where: { id: { in: ids } }, select: { id: true } });
  const known = new Set(found.map((row) => row.id));
  return [...new Set(ids)].filter((id) => !known.has(id));
}

/** Creates the user; a taken email surfaces as Prisma's unique violation (P2002). */
export async function createConsoleUser(prisma: PrismaClient, input: NewConsoleUser, audit: Pick<AuditEvent, 'actor' | 'ipAddress'>) {
  const passwordHash = await hashPassword(input.password);
  const marketplaceIds = input.allMarketplaces ? [] : [...new Set(input.marketplaceIds)];
  return await prisma.$transaction(async (tx) => {
    const missing = await unknownMarketplaces(tx, marketplaceIds);
    if (missing.length > 0) throw new UnknownMarketplacesError(missing);
    const user = await tx.user.create({
      data: {
        email: normaliseEmail(input.email),
        displayName: input.displayName.trim(),
        role: input.role,
        passwordHash,
        allMarketplaces: input.allMarketplaces,
        memberships: { create: marketplaceIds.map((tenantId) => ({ tenantId })) },
      },
      include: { memberships: { select: { tenantId: true } } },
    });
    await appendAudit(tx, { ...audit, action: 'user.created', objectType: 'user', objectId: user.id, detail: { role: user.role, allMarketplaces: user.allMarketplaces, marketplaceIds } });
    return user;
  });
}

/** Ends every live session of the user (disabled, password reset). */
export async function endSessionsOf(tx: Prisma.TransactionClient, userId: string, now = new Date()): Promise<number> {
  const { count } = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  return count;
}
