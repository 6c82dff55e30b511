/**
 * Moderators belong to marketplaces: they see, claim and decide only those marketplaces' objects.
 * Routes narrow their queries with `tenantWhere` and check single objects with `canSeeTenant`;
 * an object outside the scope answers 404, as another tenant's object does on the public API.
 */
import type { Moderator } from './sessions.ts';

export const canSeeTenant = (moderator: Moderator, tenantId: string): boolean =>
  moderator.marketplaces === 'all' || moderator.marketplaces.includes(tenantId);

/** A Prisma `where` fragment on `tenantId` for the moderator's marketplaces. */
export const tenantWhere = (moderator: Moderator): { tenantId?: { in: string[] } } =>
  moderator.marketplaces === 'all' ? {} : { tenantId: { in: moderator.marketplaces } };
