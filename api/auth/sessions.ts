import type { PrismaClient } from '../../core/database.ts';
import type { UserRole } from '../../prisma/generated/client.ts';
import { randomToken, sha256Hex } from './secrets.ts';

export const SESSION_COOKIE = 'bonafide_session';

export interface Moderator {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  sessionId: string;
  /** the marketplaces whose cases the user works: every one, or these tenant ids */
  marketplaces: 'all' | string[];
}

export async function openSession(prisma: PrismaClient, userId: string, ttlSeconds: number, now = new Date()) {
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  await prisma.session.create({ data: { userId, tokenHash: sha256Hex(token), expiresAt } });
  return { token, expiresAt };
}

/** The moderator behind a session token, if the session is live and the account enabled. */
export async function resolveSession(prisma: PrismaClient, token: string, now = new Date()): Promise<Moderator | null> {
  if (token.length > 128) return null;
  const session = await prisma.session.findUnique({ where: { tokenHash: sha256Hex(token) }, include: { user: { include: { memberships: { select: { tenantId: true } } } } } });
  if (!session || session.revokedAt || session.expiresAt <= now || session.user.disabledAt) return null;
  const { user } = session;
  const marketplaces = user.allMarketplaces ? 'all' : user.memberships.map((membership) => membership.tenantId);
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role, sessionId: session.id, marketplaces };
}

export async function closeSession(prisma: PrismaClient, sessionId: string, now = new Date()): Promise<void> {
  await prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}
