import { describe, expect, it } from 'vitest';
import { waitForDecision } from './waitForDecision.ts';

const sequence = (...statuses: ('open' | 'decided')[]) => {
  let reads = 0;
  const load = async () => ({ status: statuses[Math.min(reads++, statuses.length - 1)]!, read: reads });
  return { load, reads: () => reads };
};
const noSleep = async () => undefined;

describe('waitForDecision', () => {
  it('reads until the workflow has recorded the decision', async () => {
    const cases = sequence('open', 'open', 'decided');
    const slept: number[] = [];
    const result = await waitForDecision(cases.load, { intervalMs: 500, attempts: 10, sleep: async (ms) => void slept.push(ms) });
    expect(result).toEqual({ status: 'decided', read: 3 });
    expect(slept).toEqual([500, 500]);
  });

  it('gives up after the last attempt without sleeping past it', async () => {
    const cases = sequence('open');
    const slept: number[] = [];
    expect(await waitForDecision(cases.load, { intervalMs: 1, attempts: 3, sleep: async (ms) => void slept.push(ms) })).toBeUndefined();
    expect(cases.reads()).toBe(3);
    expect(slept).toHaveLength(2);
  });

  it('stops reading once aborted', async () => {
    const controller = new AbortController();
    const cases = sequence('open');
    const promise = waitForDecision(cases.load, { intervalMs: 1, attempts: 50, signal: controller.signal, sleep: async () => controller.abort() });
    expect(await promise).toBeUndefined();
    expect(cases.reads()).toBe(1);
  });

  it('passes a read error to the caller', async () => {
    const load = async () => Promise.reject(new Error('503'));
    await expect(waitForDecision(load, { intervalMs: 1, attempts: 3, sleep: noSleep })).rejects.toThrow('503');
  });
});
