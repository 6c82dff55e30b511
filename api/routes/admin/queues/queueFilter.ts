/**
 * A queue is a saved filter over cases plus the roles that may work it. Empty lists mean "any",
 * so a queue with no filters holds every case. The same definition gives the Prisma `where` for
 * listing and the check for a single case (who may decide it).
 */
import type { CaseQueue, Prisma, UserRole } from '../../../../prisma/generated/client.ts';

type QueueFilter = Pick<CaseQueue, 'subjectTypes' | 'signalCodes' | 'priorities' | 'tenantIds'>;
type CaseFacts = { subjectType: string; signalCodes: string[]; priority: string; tenantId: string };

export function queueWhere(queue: QueueFilter): Prisma.CaseWhereInput {
  return {
    ...(queue.subjectTypes.length ? { subjectType: { in: queue.subjectTypes } } : {}),
    ...(queue.signalCodes.length ? { signalCodes: { hasSome: queue.signalCodes } } : {}),
    ...(queue.priorities.length ? { priority: { in: queue.priorities as Prisma.EnumCasePriorityFilter['in'] } } : {}),
    ...(queue.tenantIds.length ? { tenantId: { in: queue.tenantIds } } : {}),
  };
}

export function queueHolds(queue: QueueFilter, facts: CaseFacts): boolean {
  return (
    (!queue.subjectTypes.length || queue.subjectTypes.includes(facts.subjectType)) &&
    (!queue.signalCodes.length || facts.signalCodes.some((code) => queue.signalCodes.includes(code))) &&
    (!queue.priorities.length || queue.priorities.includes(facts.priority)) &&
    (!queue.tenantIds.length || queue.tenantIds.includes(facts.tenantId))
  );
}

/** Admins work every queue; otherwise the queue must name the role (or name none). */
export const queueAdmits = (queue: Pick<CaseQueue, 'roles'>, role: UserRole): boolean =>
  role === 'admin' || queue.roles.length === 0 || queue.roles.includes(role);

/**
 * Whether a role may work a case given the queues: a case in no queue is open to every role; a
 * case in queues may be worked by a role that at least one of them admits.
 */
export function queuesAdmitCase(queues: (QueueFilter & Pick<CaseQueue, 'roles'>)[], facts: CaseFacts, role: UserRole): boolean {
  const holding = queues.filter((queue) => queueHolds(queue, facts));
  return holding.length === 0 || holding.some((queue) => queueAdmits(queue, role));
}
