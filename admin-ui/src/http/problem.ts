/** RFC 9457 problem details, as returned by the Bonafide API on errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the problem carried by a parsed error body, or undefined if it is not one. */
export function parseProblem(body: unknown): Problem | undefined {
  if (!isRecord(body)) return undefined;
  const { type, title, status, code, detail } = body;
  if (typeof title !== 'string' || typeof status !== 'number') return undefined;
  return {
    type: typeof type === 'string' ? type : 'about:blank',
    title,
    status,
    code: typeof code === 'string' ? code : '',
    ...(typeof detail === 'string' && detail !== '' ? { detail } : {}),
  };
}

/** The most specific human-readable text a problem offers. */
export function problemMessage(problem: Problem | undefined, fallback: string): string {
  return problem?.detail ?? (problem?.title || fallback);
}
