import { ApplicationFailure } from '@temporalio/activity';

/** The row an activity was asked about is gone (deleted on an erasure request): retrying cannot help. */
export function vettingNotFound(vettingId: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`seller vetting ${vettingId} not found`, 'VettingNotFound');
}

/** What a log line keeps of a caught error: its message (an Error object serialises to `{}`). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A subject type no registered capability declares (a workflow from a newer or older release): retrying cannot help. */
export function unknownSubjectType(subjectType: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`no capability on the failure path is named ${subjectType}`, 'UnknownSubjectType');
}

/** The subject a failure activity was asked about no longer exists. */
export function subjectNotFound(subjectType: string, subjectId: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`${subjectType} ${subjectId} not found`, 'SubjectNotFound');
}
