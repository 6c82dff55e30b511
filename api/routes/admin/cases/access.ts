/**
 * What one moderator may do with one case: see it (their marketplaces), and work it (claim,
 * escalate, decide) when it is open, their role meets the case's required role, a queue that
 * holds it admits their role, and its capability does not exclude them (an appeal's case excludes
 * the moderator who took the decision appealed).
 */
import type { PrismaClient } from '../../../../core/database.ts';
import { roleAtLeast } from '../../../auth/consoleAccess.ts';
import { canSeeTenant } from '../../../auth/marketplaceScope.ts';
import type { Moderator } from '../../../auth/sessions.ts';
import type { CaseSubjectRegistry } from '../../../plugins/caseSubjects.ts';
import { ApiProblem } from '../../../problem.ts';
import { queuesAdmitCase } from '../queues/queueFilter.ts';
import { caseInclude, type CaseRow } from './view.ts';

export async function caseVisibleTo(prisma: PrismaClient, moderator: Moderator, id: string): Promise<CaseRow> {
  const row = await prisma.case.findUnique({ where: { id }, include: caseInclude });
  // another marketplace's case answers exactly like a missing one
  if (!row || !canSeeTenant(moderator, row.tenantId)) throw new ApiProblem(404, 'not-found', 'Not found', `No case ${id}`);
  return row;
}

/** Why the moderator may not work the case now, or null when they may. */
export async function workProblem(prisma: PrismaClient, moderator: Moderator, row: CaseRow, subjects: CaseSubjectRegistry): Promise<ApiProblem | null> {
  if (row.status !== 'open') return new ApiProblem(409, 'case-already-decided', 'Case already decided', 'This case has been decided; nothing more can be done on it.');
  if (!roleAtLeast(moderator.role, row.requiredRole)) {
    return new ApiProblem(403, 'needs-senior-moderator', 'A senior moderator must decide this case', 'The case was escalated to senior moderators.');
  }
  const queues = await prisma.caseQueue.findMany();
  if (!queuesAdmitCase(queues, row, moderator.role)) {
    return new ApiProblem(403, 'queue-closed-to-role', 'Not in your queues', 'The queues holding this case are not open to your role.');
  }
  const excluded = (await subjects.get(row.subjectType)?.excludedDeciders?.(row.subjectId)) ?? [];
  if (excluded.includes(moderator.id)) {
    return new ApiProblem(409, 'decider-excluded', 'Another moderator must decide this case', 'You took the decision this case is about; someone else must decide it.');
  }
  return null;
}

export async function requireWorkable(prisma: PrismaClient, moderator: Moderator, row: CaseRow, subjects: CaseSubjectRegistry): Promise<void> {
  const problem = await workProblem(prisma, moderator, row, subjects);
  if (problem) throw problem;
}

export const consoleActor = (moderator: Moderator) => ({ type: 'user' as const, id: moderator.id, label: moderator.email });
