import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/httpClient.ts';
import { actionFailure, decisionBlocker, decisionBody, escalationBlocker, NOTE_MAX_LENGTH, noteTooLong } from './decision.ts';

const approve = { value: 'approve', noteRequired: false };
const reject = { value: 'reject', noteRequired: true };

describe('decisionBody', () => {
  it('sends the decision word and the trimmed note', () => {
    expect(decisionBody(reject, '  forged ID \n')).toEqual({ decision: 'reject', note: 'forged ID' });
  });

  it.each([undefined, '', '   \n'])('leaves out an empty note (%j)', (note) => {
    expect(decisionBody(approve, note)).toEqual({ decision: 'approve' });
  });
});

describe('noteTooLong', () => {
  it('applies the API limit to the trimmed note', () => {
    expect(noteTooLong('x'.repeat(NOTE_MAX_LENGTH))).toBe(false);
    expect(noteTooLong(` ${'x'.repeat(NOTE_MAX_LENGTH)} `)).toBe(false);
    expect(noteTooLong('x'.repeat(NOTE_MAX_LENGTH + 1))).toBe(true);
  });
});

describe('decisionBlocker', () => {
  it('asks for a note only where the decision requires one', () => {
    expect(decisionBlocker(reject, '')).toBe('note_required');
    expect(decisionBlocker(reject, '  \n ')).toBe('note_required');
    expect(decisionBlocker(reject, 'stolen document')).toBeNull();
    expect(decisionBlocker(approve, '')).toBeNull();
  });

  it('refuses a note over the limit for any decision', () => {
    expect(decisionBlocker(approve, 'x'.repeat(NOTE_MAX_LENGTH + 1))).toBe('note_too_long');
  });

  it('always wants a note to escalate', () => {
    expect(escalationBlocker(' ')).toBe('note_required');
    expect(escalationBlocker('looks like identity theft')).toBeNull();
  });
});

const problem = (status: number, code: string, detail?: string) =>
  new ApiError('failed', status, { type: 'about:blank', title: 'Conflict', status, code, ...(detail ? { detail } : {}) });

describe('actionFailure', () => {
  it("shows the API's detail on a conflict and asks for a refresh", () => {
    const error = problem(409, 'case-claimed-by-other', 'Ada Moderator is working on this case (until 2026-01-01T10:30:00.000Z).');
    expect(actionFailure(error)).toEqual({ message: 'Ada Moderator is working on this case (until 2026-01-01T10:30:00.000Z).', settled: true });
  });

  it('falls back to a message per conflict code', () => {
    expect(actionFailure(problem(409, 'case-already-decided'))).toEqual({ message: 'bonafide.cases.decision.already_decided', settled: true });
    expect(actionFailure(problem(409, 'case-claimed-by-other')).message).toBe('bonafide.cases.decision.claimed_by_other');
    expect(actionFailure(problem(409, 'case-not-awaiting-decision')).message).toBe('bonafide.cases.decision.not_awaiting');
    expect(actionFailure(new ApiError('Conflict', 409, undefined)).message).toBe('bonafide.cases.decision.conflict');
  });

  it('does not treat other failures as settled', () => {
    expect(actionFailure(problem(403, 'needs-senior-moderator', 'The case was escalated to senior moderators.'))).toEqual({
      message: 'The case was escalated to senior moderators.',
      settled: false,
    });
    expect(actionFailure(new TypeError('Failed to fetch'))).toEqual({ message: 'Failed to fetch', settled: false });
    expect(actionFailure('boom')).toEqual({ message: 'bonafide.cases.decision.failed', settled: false });
  });
});
