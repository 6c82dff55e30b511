import { describe, expect, it } from 'vitest';
import { precisionRecall, precisionRecallCells, ratio, shareWithInterval, wilsonInterval } from './proportion.ts';

describe('wilsonInterval', () => {
  it('gives the 95% Wilson score interval of known shares', () => {
    const close = (interval: readonly [number, number] | null, low: number, high: number) => {
      expect(interval).not.toBeNull();
      expect(interval![0]).toBeCloseTo(low, 3);
      expect(interval![1]).toBeCloseTo(high, 3);
    };
    close(wilsonInterval(8, 10), 0.49, 0.943);
    close(wilsonInterval(10, 10), 0.722, 1);
    close(wilsonInterval(0, 10), 0, 0.278);
    close(wilsonInterval(1, 2), 0.095, 0.905);
    close(wilsonInterval(50, 100), 0.404, 0.596);
    close(wilsonInterval(95, 100), 0.888, 0.978);
  });

  it('has no interval for a share of nothing, and refuses what is not a share of counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(0.5, 2)).toThrow(RangeError);
  });
});

describe('ratio and precisionRecall', () => {
  it('have no figure where nothing was claimed or nothing was there to find, rather than a perfect one', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(3, 4)).toBe(0.75);
    expect(precisionRecall(0, 0, 0)).toEqual({ precision: null, recall: null });
    expect(precisionRecall(0, 0, 5)).toEqual({ precision: null, recall: 0 });
    expect(precisionRecall(0, 2, 0)).toEqual({ precision: 0, recall: null });
    expect(precisionRecall(3, 1, 2)).toEqual({ precision: 0.75, recall: 0.6 });
  });
});

describe('shareWithInterval', () => {
  it('prints the share with its interval, and n/a for a share of nothing', () => {
    expect(shareWithInterval(8, 10)).toBe('80.0% [49.0–94.3]');
    expect(shareWithInterval(10, 10)).toBe('100.0% [72.2–100.0]');
    expect(shareWithInterval(0, 0)).toBe('n/a');
    expect(precisionRecallCells(0, 0, 4)).toEqual({ precision: 'n/a', recall: '0.0% [0.0–49.0]' });
  });
});
