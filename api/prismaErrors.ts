/** Prisma's unique-constraint violation (P2002): a conflict the caller must hear about as 409/422, never a 500. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
