/**
 * What the operator admin's routes share: who is acting (for the audit log), and the refusal for
 * admins whose work is limited to some marketplaces when a change reaches the whole platform.
 */
import type { FastifyRequest } from 'fastify';
import type { AuditEvent } from '../../../core/audit.ts';
import type { Moderator } from '../../auth/sessions.ts';
import { moderatorOf } from '../../plugins/authentication.ts';
import { ApiProblem } from '../../problem.ts';

/** The audit fields every console change carries: the logged-in user and the client address. */
export function auditedBy(request: FastifyRequest): Pick<AuditEvent, 'actor' | 'ipAddress'> {
  const user = moderatorOf(request);
  return { actor: { type: 'user', id: user.id, label: user.email }, ipAddress: request.ip };
}

/**
 * Creating marketplaces, managing console users and writing policies affect every marketplace:
 * only a platform-wide admin (users.all_marketplaces) may. An admin who works for some
 * marketplaces manages those marketplaces and their keys only.
 */
export function requirePlatformWide(request: FastifyRequest): Moderator {
  const user = moderatorOf(request);
  if (user.marketplaces !== 'all') {
    throw new ApiProblem(403, 'platform-admin-required', 'Not allowed', 'This change affects every marketplace: it needs a platform-wide admin.');
  }
  return user;
}

export const notFound = (what: string, id: string) => new ApiProblem(404, 'not-found', 'Not found', `No ${what} ${id}`);
