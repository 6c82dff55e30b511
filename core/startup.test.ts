import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError, describeError, waitForDependency } from './startup.ts';

describe('waitForDependency', () => {
  it('retries until the check passes, logging each failed attempt', async () => {
    const lines: string[] = [];
    let calls = 0;
    const value = await waitForDependency(
      async () => {
        calls++;
        if (calls < 3) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
        return 'ready';
      },
      { name: 'Thing', attempts: 5, intervalMs: 1, hint: 'Start it.', log: (line) => lines.push(line) },
    );
    expect(value).toBe('ready');
    expect(calls).toBe(3);
    expect(lines).toEqual([
      'Thing is not reachable (connect ECONNREFUSED 127.0.0.1:1); retrying in 0.001s (attempt 1/5)',
      'Thing is not reachable (connect ECONNREFUSED 127.0.0.1:1); retrying in 0.001s (attempt 2/5)',
    ]);
  });

  it('gives up after the last attempt with the hint', async () => {
    const attempt = waitForDependency(() => Promise.reject(new Error('nope')), {
      name: 'Thing',
      attempts: 2,
      intervalMs: 1,
      hint: 'Start it.',
      log: () => undefined,
    });
    await expect(attempt).rejects.toThrow(new DependencyUnavailableError('Thing', 'Thing is not reachable after 2 attempts: nope. Start it.'));
  });
});

describe('describeError', () => {
  it('prefixes a code the message does not already contain, and unwraps AggregateError', () => {
    expect(describeError(Object.assign(new Error('socket closed'), { code: 'ECONNRESET' }))).toBe('ECONNRESET: socket closed');
    expect(describeError(new AggregateError([new Error('first'), new Error('second')]))).toBe('first');
    expect(describeError('plain')).toBe('plain');
  });
});
