/**
 * Claims keep two moderators off one case: a moderator claims a case before working it, others
 * see who holds it, and the claim lapses after CASE_CLAIM_SECONDS so an abandoned case returns to
 * the queue. Claiming is one conditional UPDATE, so two moderators racing for a case cannot both win.
 */
import type { PrismaClient } from '../../../../core/database.ts';
import type { Moderator } from '../../../auth/sessions.ts';
import { ApiProblem } from '../../../problem.ts';
import { caseInclude, liveClaim, type CaseRow } from './view.ts';

export async function claimCase(prisma: PrismaClient, moderator: Moderator, row: CaseRow, claimSeconds: number): Promise<CaseRow> {
  const now = new Date();
  const claimed = await prisma.case.updateMany({
    where: { id: row.id, status: 'open', OR: [{ claimedById: null }, { claimedById: moderator.id }, { claimExpiresAt: { lte: now } }] },
    data: { claimedById: moderator.id, claimExpiresAt: new Date(now.getTime() + claimSeconds * 1000) },
  });
  const current = await prisma.case.findUniqueOrThrow({ where: { id: row.id }, include: caseInclude });
  if (claimed.count === 1) return current;
  if (current.status !== 'open') throw new ApiProblem(409, 'case-already-decided', 'Case already decided', 'This case has been decided; nothing more can be done on it.');
  const holder = liveClaim(current, now);
  throw new ApiProblem(
    409,
    'case-claimed-by-other',
    'Another moderator holds this case',
    `${holder?.displayName ?? 'Another moderator'} is working on this case (until ${current.claimExpiresAt?.toISOString() ?? 'their claim lapses'}).`,
  );
}

/** Gives the case back to the queue. Only its holder (or an admin) may release a live claim. */
export async function releaseCase(prisma: PrismaClient, moderator: Moderator, row: CaseRow): Promise<void> {
  const holder = liveClaim(row, new Date());
  if (!holder) return;
  if (holder.id !== moderator.id && moderator.role !== 'admin') {
    throw new ApiProblem(409, 'case-claimed-by-other', 'Another moderator holds this case', `${holder.displayName} holds this case; only they or an admin can release it.`);
  }
  await prisma.case.updateMany({ where: { id: row.id, claimedById: holder.id }, data: { claimedById: null, claimExpiresAt: null } });
}
