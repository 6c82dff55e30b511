import { describe, expect, it } from 'vitest';
import { score } from './contentEvaluation.ts';
import { codeScores } from './evaluationMetrics.ts';
import { confusion } from './listingEvaluation.ts';

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

  it('has no precision for a code never emitted and no recall for a code never expected, rather than perfect ones', () => {
    expect(codeScores([{ expectedSignals: ['a'], actualSignals: ['b'] }])).toEqual([
      { code: 'a', truePositives: 0, falsePositives: 0, falseNegatives: 1, precision: null, recall: 0 },
      { code: 'b', truePositives: 0, falsePositives: 1, falseNegatives: 0, precision: 0, recall: null },
    ]);
  });

  it('gives no figure, not a perfect one, in every scorer where nothing was claimed or nothing was there to find', () => {
    expect(score([{ expected: false, actual: false }])).toMatchObject({ precision: null, recall: null });
    expect(score([{ expected: true, actual: false }])).toMatchObject({ precision: null, recall: 0 });
    expect(confusion([{ expected: false, predicted: false }])).toMatchObject({ precision: null, recall: null, trueNegative: 1 });
    expect(confusion([{ expected: false, predicted: true }])).toMatchObject({ precision: 0, recall: null });
  });
});
