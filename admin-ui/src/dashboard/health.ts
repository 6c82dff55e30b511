import type { FetchFn } from '../http/httpClient.ts';

export type CheckStatus = 'up' | 'down' | 'unknown';

/** One line of the health card: a dependency and how it is doing. */
export interface HealthRow {
  name: string;
  status: CheckStatus;
  latencyMs?: number;
  error?: string;
}

export type HealthSnapshot =
  | { kind: 'report'; overall: 'ok' | 'degraded'; rows: HealthRow[]; checkedAt: Date }
  | { kind: 'unreachable'; reason: string; checkedAt: Date };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toRow(name: string, check: unknown): HealthRow {
  if (!isRecord(check)) return { name, status: 'unknown' };
  const { status, latencyMs, error } = check;
  return {
    name,
    status: status === 'up' || status === 'down' ? status : 'unknown',
    ...(typeof latencyMs === 'number' && Number.isFinite(latencyMs) ? { latencyMs } : {}),
    ...(typeof error === 'string' && error !== '' ? { error } : {}),
  };
}

/** Turns a /healthz body into rows sorted by dependency name; undefined if it is not a health report. */
export function healthRows(body: unknown): { overall: 'ok' | 'degraded'; rows: HealthRow[] } | undefined {
  if (!isRecord(body) || !isRecord(body.checks)) return undefined;
  const rows = Object.entries(body.checks)
    .map(([name, check]) => toRow(name, check))
    .sort((a, b) => a.name.localeCompare(b.name));
  const allUp = rows.every((row) => row.status === 'up');
  return { overall: body.status === 'ok' && allUp ? 'ok' : 'degraded', rows };
}

/**
 * Reads /healthz. 200 and 503 both carry a report; anything else, or no answer,
 * means the API itself is unreachable. Aborts are passed through to the caller.
 */
export async function loadHealth(fetchFn: FetchFn, url: string, signal?: AbortSignal): Promise<HealthSnapshot> {
  const checkedAt = new Date();
  let response: Response;
  try {
    response = await fetchFn(url, { headers: { Accept: 'application/json' }, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { kind: 'unreachable', reason: error instanceof Error ? error.message : String(error), checkedAt };
  }
  const body: unknown = await response.json().catch(() => undefined);
  const report = response.status === 200 || response.status === 503 ? healthRows(body) : undefined;
  if (!report) return { kind: 'unreachable', reason: `HTTP ${response.status}`, checkedAt };
  return { kind: 'report', ...report, checkedAt };
}
