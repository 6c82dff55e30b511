/**
 * Who may call each console (admin) route: the one table the server enforces, the role-matrix
 * test walks and docs/operating.md reprints. A route under /admin/ that is missing here stops the API
 * from starting (api/plugins/consoleGuard.ts), so a new route cannot ship unguarded.
 *
 * Levels are cumulative: `moderator` admits every console role, `senior_moderator` admits seniors
 * and admins, `admin` admins only. What a role may do to one object (a case of a marketplace the
 * user does not work for, an escalated case) is checked by the route against the object.
 */
import type { UserRole } from '../../prisma/generated/client.ts';

export type ConsoleAccess = 'public' | 'moderator' | 'senior_moderator' | 'admin';

export const consoleRoles: readonly UserRole[] = ['moderator', 'senior_moderator', 'admin'];

const rank: Record<UserRole, number> = { moderator: 0, senior_moderator: 1, admin: 2 };

/** Whether a role meets a required level (cases carry their own required role too). */
export const roleAtLeast = (role: UserRole, required: UserRole): boolean => rank[role] >= rank[required];

export const rolesFor = (access: Exclude<ConsoleAccess, 'public'>): UserRole[] => consoleRoles.filter((role) => roleAtLeast(role, access));

export const consoleAccessMatrix: Record<string, ConsoleAccess> = {
  // session
  'POST /admin/v1/session': 'public',
  'DELETE /admin/v1/session': 'public',
  'GET /admin/v1/session': 'moderator',
  // cases (of the marketplaces the user works for)
  'GET /admin/v1/cases': 'moderator',
  'GET /admin/v1/cases/:id': 'moderator',
  'GET /admin/v1/cases/:id/attachments/:name': 'moderator',
  'POST /admin/v1/cases/:id/claim': 'moderator',
  'DELETE /admin/v1/cases/:id/claim': 'moderator',
  'POST /admin/v1/cases/:id/escalation': 'moderator',
  'POST /admin/v1/cases/:id/decision': 'moderator',
  // queues: worked by the roles each names, defined by admins
  'GET /admin/v1/queues': 'moderator',
  'GET /admin/v1/queues/:id': 'moderator',
  'POST /admin/v1/queues': 'admin',
  'PUT /admin/v1/queues/:id': 'admin',
  'DELETE /admin/v1/queues/:id': 'admin',
  // dashboard figures (of the marketplaces the user works for)
  'GET /admin/v1/stats': 'moderator',
  // transparency figures (DSA Art. 15, 24) of the marketplaces the user works for
  'GET /admin/v1/transparency-report': 'senior_moderator',
  // audit log
  'GET /admin/v1/audit-log': 'senior_moderator',
  // batches of every capability and their results (of the marketplaces the user works for)
  'GET /admin/v1/batches': 'moderator',
  'GET /admin/v1/batches/:id': 'moderator',
  'GET /admin/v1/batch-results': 'moderator',
  // operator admin: marketplaces, their API keys, console users, policy versions
  'GET /admin/v1/marketplaces': 'admin',
  'GET /admin/v1/marketplaces/:id': 'admin',
  'POST /admin/v1/marketplaces': 'admin',
  'PUT /admin/v1/marketplaces/:id': 'admin',
  'GET /admin/v1/api-keys': 'admin',
  'GET /admin/v1/api-keys/:id': 'admin',
  'POST /admin/v1/api-keys': 'admin',
  'PUT /admin/v1/api-keys/:id': 'admin',
  'DELETE /admin/v1/api-keys/:id': 'admin',
  'GET /admin/v1/users': 'admin',
  'GET /admin/v1/users/:id': 'admin',
  'POST /admin/v1/users': 'admin',
  'PUT /admin/v1/users/:id': 'admin',
  'GET /admin/v1/policies': 'admin',
  'GET /admin/v1/policies/:id': 'admin',
  'POST /admin/v1/policies': 'admin',
  // seller probation: move a running probation to another policy version
  'POST /admin/v1/seller-probations/:id/policy-migration': 'admin',
};
