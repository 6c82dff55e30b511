import { describe, expect, it } from 'vitest';
import { batchProgress, refreshWhileRunning, refusedNotListed, RUNNING_BATCH_REFRESH_MS, SETTLING_BATCH_REFRESH_MS } from './batchTypes.ts';

describe('batch progress', () => {
  it('counts screened and failed subjects against the whole upload', () => {
    expect(batchProgress({ total: 200, done: 50, failed: 10 })).toEqual({ processed: 60, percent: 30, failedPercent: 5 });
    expect(batchProgress({ total: 3, done: 1, failed: 0 })).toEqual({ processed: 1, percent: 33.3, failedPercent: 0 });
    expect(batchProgress({ total: 7, done: 6, failed: 1 }).percent).toBe(100);
  });

  it('never shows more than the whole, nor a division by zero', () => {
    expect(batchProgress({ total: 5, done: 5, failed: 3 })).toEqual({ processed: 5, percent: 100, failedPercent: 60 });
    expect(batchProgress({ total: 0, done: 0, failed: 0 })).toEqual({ processed: 0, percent: 100, failedPercent: 0 });
  });
});

describe('following a running batch', () => {
  it('reads again while one shown batch is running, and stops once none is', () => {
    expect(refreshWhileRunning({ status: 'running' })).toBe(RUNNING_BATCH_REFRESH_MS);
    expect(refreshWhileRunning({ status: 'completed' }, { status: 'running' })).toBe(RUNNING_BATCH_REFRESH_MS);
    expect(refreshWhileRunning({ status: 'completed' }, { status: 'failed' })).toBe(false);
    expect(refreshWhileRunning(undefined)).toBe(false);
    expect(refreshWhileRunning()).toBe(false);
  });

  it('keeps reading a finished batch, more slowly, while some of its subjects are still settling', () => {
    const counts = { refused: 0, verdicts: { allow: 3 }, awaitingReview: 0, failed: 0, pending: 1 };
    expect(refreshWhileRunning({ status: 'completed', counts })).toBe(SETTLING_BATCH_REFRESH_MS);
    expect(refreshWhileRunning({ status: 'completed', counts: { ...counts, pending: 0, awaitingReview: 1 } })).toBe(false);
    expect(refreshWhileRunning({ status: 'running', counts })).toBe(RUNNING_BATCH_REFRESH_MS);
  });
});

describe('refused lines', () => {
  it('tells how many refused lines the API counted but did not keep', () => {
    const kept = Array.from({ length: 100 }, (_, index) => ({ id: index + 1, line: index + 1, errors: [] }));
    const counts = { verdicts: {}, awaitingReview: 0, failed: 0, pending: 0 };
    expect(refusedNotListed({ rejectedLines: kept, counts: { ...counts, refused: 130 } })).toBe(30);
    expect(refusedNotListed({ rejectedLines: kept.slice(0, 2), counts: { ...counts, refused: 2 } })).toBe(0);
    expect(refusedNotListed({ rejectedLines: [], counts: null })).toBe(0);
  });
});
