import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/httpClient.ts';
import { decisionBody, decisionFailure, NOTE_MAX_LENGTH, noteTooLong } from './decision.ts';

describe('decisionBody', () => {
  it('sends the trimmed note', () => {
    expect(decisionBody('reject', '  forged ID \n')).toEqual({ outcome: 'reject', note: 'forged ID' });
  });

  it.each([undefined, '', '   \n'])('leaves out an empty note (%j)', (note) => {
    expect(decisionBody('approve', note)).toEqual({ outcome: 'approve' });
  });
});

describe('noteTooLong', () => {
  it('applies the API limit to the trimmed note', () => {
    expect(noteTooLong('x'.repeat(NOTE_MAX_LENGTH))).toBe(false);
    expect(noteTooLong(` ${'x'.repeat(NOTE_MAX_LENGTH)} `)).toBe(false);
    expect(noteTooLong('x'.repeat(NOTE_MAX_LENGTH + 1))).toBe(true);
  });
});

const problem = (status: number, code: string, detail?: string) =>
  new ApiError('failed', status, { type: 'about:blank', title: 'Conflict', status, code, ...(detail ? { detail } : {}) });

describe('decisionFailure', () => {
  it("shows the API's detail on a conflict and asks for a refresh", () => {
    const error = problem(409, 'case-already-decided', 'Another decision settled this case first.');
    expect(decisionFailure(error)).toEqual({ message: 'Another decision settled this case first.', settled: true });
  });

  it('falls back to a message per conflict code', () => {
    expect(decisionFailure(problem(409, 'case-already-decided'))).toEqual({
      message: 'bonafide.cases.decision.already_decided',
      settled: true,
    });
    expect(decisionFailure(problem(409, 'case-not-awaiting-decision')).message).toBe(
      'bonafide.cases.decision.not_awaiting',
    );
    expect(decisionFailure(new ApiError('Conflict', 409, undefined)).message).toBe('bonafide.cases.decision.conflict');
  });

  it('does not treat other failures as settled', () => {
    expect(decisionFailure(problem(503, 'temporal-unavailable', 'Workflow engine down'))).toEqual({
      message: 'Workflow engine down',
      settled: false,
    });
    expect(decisionFailure(new TypeError('Failed to fetch'))).toEqual({ message: 'Failed to fetch', settled: false });
    expect(decisionFailure('boom')).toEqual({ message: 'bonafide.cases.decision.failed', settled: false });
  });
});
