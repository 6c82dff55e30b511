export const ROLES = ['moderator', 'senior_moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in console user, as returned by /admin/v1/session. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Reads the `{"user": {...}}` envelope of the session endpoints; undefined if malformed. */
export function parseSessionUser(body: unknown): SessionUser | undefined {
  if (typeof body !== 'object' || body === null || !('user' in body)) return undefined;
  const { user } = body;
  if (typeof user !== 'object' || user === null) return undefined;
  const { id, email, displayName, role } = user as Record<string, unknown>;
  if (typeof id !== 'string' && typeof id !== 'number') return undefined;
  if (typeof email !== 'string' || !isRole(role)) return undefined;
  const name = typeof displayName === 'string' && displayName !== '' ? displayName : email;
  return { id: String(id), email, displayName: name, role };
}
