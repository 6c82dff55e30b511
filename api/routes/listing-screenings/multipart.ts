import { ApiProblem } from '../../problem.ts';

/**
 * A multipart body that busboy cannot frame (no boundary, a boundary that never appears, a body
 * cut short) is the client's mistake: a 400. Limits (413) and our own refusals keep their status.
 */
export function framingProblem(error: unknown): unknown {
  if (error instanceof ApiProblem) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && status !== 406) return error;
  return new ApiProblem(400, 'malformed-multipart', 'The multipart body cannot be read', error instanceof Error ? error.message : undefined, [
    { field: 'multipart', message: 'must be a complete multipart/form-data body with the boundary its Content-Type names' },
  ]);
}
