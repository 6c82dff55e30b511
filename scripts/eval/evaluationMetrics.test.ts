import { describe, expect, it } from 'vitest';
import { codeScores } from './evaluationMetrics.ts';

describe('evaluation metrics', () => {
  it('scores each signal code by precision and recall', () => {
    const scores = codeScores([
      { expectedSignals: ['a'], actualSignals: ['a'] },
      { expectedSignals: ['a'], actualSignals: ['b'] },
      { expectedSignals: ['b'], actualSignals: ['b'] },
    ]);
    expect(scores).toEqual([
      { code: 'a', truePositives: 1, falsePositives: 0, falseNegatives: 1, precision: 1, recall: 0.5 },
      { code: 'b', truePositives: 1, falsePositives: 1, falseNegatives: 0, precision: 0.5, recall: 1 },
    ]);
  });
});
