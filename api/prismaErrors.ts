/**
 * A unique-constraint violation, from the ORM (P2002) or from a statement on the pg pool
 * (PostgreSQL's 23505): a conflict the caller must hear about as 409/422, never a 500.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'P2002' || code === '23505';
}
