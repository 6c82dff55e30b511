import type { Client } from '@temporalio/client';
import { describeError } from '../core/startup.ts';
import { ApiProblem } from './problem.ts';

/**
 * Calls from a request to Temporal get a deadline: a request must never hang on an unreachable
 * engine (the client's own connection retries would otherwise hold it for minutes).
 */
export const TEMPORAL_CALL_DEADLINE_MS = 5_000;

export function withTemporalDeadline<T>(temporal: Client, call: () => Promise<T>, deadlineMs = TEMPORAL_CALL_DEADLINE_MS): Promise<T> {
  return temporal.connection.withDeadline(Date.now() + deadlineMs, call);
}

/** The 503 every route answers when Temporal did not take its call; the client may retry. */
export function temporalUnavailable(error: unknown): ApiProblem {
  return new ApiProblem(503, 'temporal-unavailable', 'Workflow engine unavailable', describeError(error), undefined, { 'retry-after': '5' });
}
