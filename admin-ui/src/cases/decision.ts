import { ApiError, errorStatus } from '../http/httpClient.ts';
import { parseProblem } from '../http/problem.ts';
import type { DecisionOutcome, DecisionRequest } from './types.ts';

/** The API's limit on a decision note. */
export const NOTE_MAX_LENGTH = 2000;

/** The request body for a decision: the note is trimmed and left out when empty. */
export function decisionBody(outcome: DecisionOutcome, note?: string): DecisionRequest {
  const text = note?.trim() ?? '';
  return text === '' ? { outcome } : { outcome, note: text };
}

/** True when the note, once trimmed, is longer than the API accepts. */
export function noteTooLong(note: string): boolean {
  return note.trim().length > NOTE_MAX_LENGTH;
}

/**
 * What to tell the moderator when a decision fails. `settled` means the case
 * can no longer take this decision (409), so the page must be refreshed.
 * Messages are either the API's own words or i18n keys.
 */
export interface DecisionFailure {
  message: string;
  settled: boolean;
}

const CONFLICT_KEYS: Record<string, string> = {
  'case-already-decided': 'bonafide.cases.decision.already_decided',
  'case-not-awaiting-decision': 'bonafide.cases.decision.not_awaiting',
};

export function decisionFailure(error: unknown): DecisionFailure {
  const problem = error instanceof ApiError ? parseProblem(error.body) : undefined;
  if (errorStatus(error) === 409) {
    const fallback = CONFLICT_KEYS[problem?.code ?? ''] ?? 'bonafide.cases.decision.conflict';
    return { message: problem?.detail ?? fallback, settled: true };
  }
  const message = problem?.detail ?? (error instanceof Error ? error.message : '');
  return { message: message || 'bonafide.cases.decision.failed', settled: false };
}
