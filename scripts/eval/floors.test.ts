import { describe, expect, it } from 'vitest';
import { checkFloor, expectFloor, expectPrecisionRecallFloor, expectTooFewToFloor } from './floors.ts';

describe('quality floors', () => {
  it('holds a figure on 20 or more positives at a floor of 0.9 or above', () => {
    expect(() => expectFloor('edit blur', { hits: 19, of: 20, positives: 20 }, 0.95)).not.toThrow();
    expect(() => expectPrecisionRecallFloor('signal a', { truePositives: 27, falsePositives: 1, falseNegatives: 1 }, { precision: 0.95, recall: 0.95 })).not.toThrow();
  });

  it('fails a figure under its floor, saying what and how much', () => {
    expect(() => expectFloor('edit blur', { hits: 17, of: 20, positives: 20 }, 0.9)).toThrow(/edit blur: 85\.0% \[64\.0–94\.8\] \(17 of 20\), floor 0\.9/);
    expect(() => expectPrecisionRecallFloor('signal a', { truePositives: 20, falsePositives: 5, falseNegatives: 0 }, { precision: 0.9, recall: 0.9 })).toThrow(/signal a precision/);
  });

  it('fails a kind with fewer than 20 positives, saying so', () => {
    expect(() => expectFloor('class channel_mismatch', { hits: 16, of: 16, positives: 16 }, 0.95)).toThrow('class channel_mismatch: 16 labelled positives, fewer than the 20 a floor needs');
    // a precision on many claims still needs its kind's positives
    expect(() => expectPrecisionRecallFloor('signal b', { truePositives: 9, falsePositives: 0, falseNegatives: 0 }, { precision: 0.9, recall: 0.9 })).toThrow(/9 labelled positives, fewer than the 20/);
  });

  it('refuses a floor below 0.9 (or above 1), whatever the figure', () => {
    expect(() => checkFloor('signal c', 100, 0.85)).toThrow('signal c: a floor of 0.85 is refused; floors sit between 0.9 and 1');
    expect(() => expectFloor('signal c', { hits: 100, of: 100, positives: 100 }, 0.5)).toThrow(/refused/);
    expect(() => checkFloor('signal c', 100, 1.1)).toThrow(/refused/);
  });

  it('keeps a kind unfloored only while it has fewer than 20 positives', () => {
    expect(() => expectTooFewToFloor('class channel_mismatch', 16)).not.toThrow();
    expect(() => expectTooFewToFloor('class channel_mismatch', 20)).toThrow(/20 labelled positives now, enough for a floor/);
  });

  it('fails a figure of nothing (no claims at all)', () => {
    expect(() => expectPrecisionRecallFloor('signal d', { truePositives: 0, falsePositives: 0, falseNegatives: 25 }, { precision: 0.9, recall: 0.9 })).toThrow(/signal d precision: nothing measured/);
  });
});
