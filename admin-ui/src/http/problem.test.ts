import { describe, expect, it } from 'vitest';
import { parseProblem, problemMessage } from './problem.ts';

describe('parseProblem', () => {
  it('reads a complete problem body', () => {
    const body = {
      type: 'https://bonafide.dev/problems/invalid-credentials',
      title: 'Invalid credentials',
      status: 401,
      code: 'invalid_credentials',
      detail: 'Email or password is wrong.',
    };
    expect(parseProblem(body)).toEqual(body);
  });

  it('fills defaults for optional members and drops an empty detail', () => {
    expect(parseProblem({ title: 'Forbidden', status: 403, detail: '' })).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      code: '',
    });
  });

  it.each([null, 'oops', [], { status: 500 }, { title: 'x', status: '500' }])(
    'rejects %j',
    (body) => {
      expect(parseProblem(body)).toBeUndefined();
    },
  );
});

describe('problemMessage', () => {
  const base = { type: 'about:blank', title: 'Forbidden', status: 403, code: 'forbidden' };

  it('prefers the detail', () => {
    expect(problemMessage({ ...base, detail: 'Admins only.' }, 'fallback')).toBe('Admins only.');
  });

  it('falls back to the title, then to the given text', () => {
    expect(problemMessage(base, 'fallback')).toBe('Forbidden');
    expect(problemMessage({ ...base, title: '' }, 'fallback')).toBe('fallback');
    expect(problemMessage(undefined, 'fallback')).toBe('fallback');
  });
});
