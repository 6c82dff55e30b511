/**
 * Which queues a console user may see and define. A queue's `tenantIds` (empty = every
 * marketplace) decide whose cases it holds, so a queue is part of the marketplaces it names:
 * users see the platform-wide queues and those naming one of their marketplaces, and only the ids
 * of their own marketplaces in it; an admin limited to some marketplaces defines only queues that
 * name nothing but those marketplaces. A platform-wide user sees and defines every queue.
 */
import type { CaseQueue, Prisma } from '../../../../prisma/generated/client.ts';
import type { Moderator } from '../../../auth/sessions.ts';
import { ApiProblem } from '../../../problem.ts';

type Scoped = Pick<Moderator, 'marketplaces'>;

/** A Prisma `where` for the queues the user may see. */
export const visibleQueuesWhere = ({ marketplaces }: Scoped): Prisma.CaseQueueWhereInput =>
  marketplaces === 'all' ? {} : { OR: [{ tenantIds: { isEmpty: true } }, { tenantIds: { hasSome: marketplaces } }] };

export const queueVisibleTo = (queue: Pick<CaseQueue, 'tenantIds'>, { marketplaces }: Scoped): boolean =>
  marketplaces === 'all' || queue.tenantIds.length === 0 || queue.tenantIds.some((id) => marketplaces.includes(id));

/** The queue's marketplaces as the user may see them: another marketplace's id is not theirs to know. */
export const tenantIdsShownTo = (tenantIds: string[], { marketplaces }: Scoped): string[] =>
  marketplaces === 'all' ? tenantIds : tenantIds.filter((id) => marketplaces.includes(id));

/**
 * Refuses a queue definition (a new one, or one before or after a change) that reaches beyond the
 * admin's marketplaces: a platform-wide queue, or one naming a marketplace the admin does not work for.
 */
export function requireQueueInScope(tenantIds: string[], { marketplaces }: Scoped): void {
  if (marketplaces === 'all') return;
  if (tenantIds.length === 0) {
    throw new ApiProblem(403, 'platform-admin-required', 'Not allowed', 'A queue naming no marketplace holds every marketplace’s cases: only a platform-wide admin defines one. Name your marketplaces in tenantIds.');
  }
  if (tenantIds.some((id) => !marketplaces.includes(id))) {
    throw new ApiProblem(403, 'queue-outside-scope', 'Not allowed', 'This queue names marketplaces you do not work for: only a platform-wide admin, or an admin of all of them, defines it.');
  }
}
