import { ApiError, errorStatus } from '../http/httpClient.ts';
import { parseProblem } from '../http/problem.ts';
import type { DecisionOption, DecisionRequest } from './types.ts';

/** The API's limit on a decision or escalation note. */
export const NOTE_MAX_LENGTH = 2000;

/** The request body for a decision: the note is trimmed and left out when empty. */
export function decisionBody(option: Pick<DecisionOption, 'value'>, note?: string): DecisionRequest {
  const text = note?.trim() ?? '';
  return text === '' ? { decision: option.value } : { decision: option.value, note: text };
}

/** True when the note, once trimmed, is longer than the API accepts. */
export function noteTooLong(note: string): boolean {
  return note.trim().length > NOTE_MAX_LENGTH;
}

/** Why a decision button is disabled (`note_required`, `note_too_long`), or null when it may be pressed. */
export function decisionBlocker(option: Pick<DecisionOption, 'noteRequired'>, note: string): 'note_required' | 'note_too_long' | null {
  if (noteTooLong(note)) return 'note_too_long';
  if (option.noteRequired && note.trim() === '') return 'note_required';
  return null;
}

/** An escalation always needs a note: the senior moderator must know why. */
export const escalationBlocker = (note: string) => decisionBlocker({ noteRequired: true }, note);

/**
 * What to tell the moderator when an action on a case fails. `settled` means the case
 * changed under them (409: decided, held by someone else), so the page must be refreshed.
 * Messages are the API's own words when it gave some, i18n keys otherwise.
 */
export interface ActionFailure {
  message: string;
  settled: boolean;
}

const CONFLICT_KEYS: Record<string, string> = {
  'case-already-decided': 'bonafide.cases.decision.already_decided',
  'case-not-awaiting-decision': 'bonafide.cases.decision.not_awaiting',
  'case-claimed-by-other': 'bonafide.cases.decision.claimed_by_other',
};

export function actionFailure(error: unknown): ActionFailure {
  const problem = error instanceof ApiError ? parseProblem(error.body) : undefined;
  if (errorStatus(error) === 409) {
    const fallback = CONFLICT_KEYS[problem?.code ?? ''] ?? 'bonafide.cases.decision.conflict';
    return { message: problem?.detail ?? fallback, settled: true };
  }
  const message = problem?.detail ?? (error instanceof Error ? error.message : '');
  return { message: message || 'bonafide.cases.decision.failed', settled: false };
}
