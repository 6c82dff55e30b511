import { Connection, Client } from '@temporalio/client';
import type { Config } from './config.ts';

/**
 * Temporal client for the API. The connection is lazy so the API comes up (and reports Temporal
 * as down in /healthz) while the Temporal server is still starting or unreachable.
 */
export function createTemporalClient(config: Pick<Config, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE'>): Client {
  const connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS, connectTimeout: '5s' });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
}

/** Resolves when the namespace answers within the deadline; rejects with the gRPC error otherwise. */
export async function pingTemporal(client: Client, timeoutMs = 3_000): Promise<number> {
  const started = performance.now();
  await client.connection.withDeadline(Date.now() + timeoutMs, () =>
    client.workflowService.describeNamespace({ namespace: client.options.namespace }),
  );
  return Math.round(performance.now() - started);
}

/**
 * Calls to Temporal from a request or an activity get a deadline: they must never hang on an
 * unreachable engine (the client's own connection retries would otherwise hold them for minutes).
 */
export const TEMPORAL_CALL_DEADLINE_MS = 5_000;

export function withTemporalDeadline<T>(temporal: Client, call: () => Promise<T>, deadlineMs = TEMPORAL_CALL_DEADLINE_MS): Promise<T> {
  return temporal.connection.withDeadline(Date.now() + deadlineMs, call);
}
