import { describeError } from '../core/startup.ts';
import { ApiProblem } from './problem.ts';

/** A request's calls to Temporal get a deadline (core/temporal.ts). */
export { TEMPORAL_CALL_DEADLINE_MS, withTemporalDeadline } from '../core/temporal.ts';

/** The 503 every route answers when Temporal did not take its call; the client may retry. */
export function temporalUnavailable(error: unknown): ApiProblem {
  return new ApiProblem(503, 'temporal-unavailable', 'Workflow engine unavailable', describeError(error), undefined, { 'retry-after': '5' });
}
