import { ApplicationFailure } from '@temporalio/activity';

/** The row an activity was asked about is gone (deleted on an erasure request): retrying cannot help. */
export function vettingNotFound(vettingId: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`seller vetting ${vettingId} not found`, 'VettingNotFound');
}
