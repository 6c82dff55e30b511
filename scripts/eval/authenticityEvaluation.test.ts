import { describe, expect, it } from 'vitest';
import { type CheckResult, type LabelledCheck, loadAuthenticitySet, missesOf, readAnswer, scoreAuthenticity } from './authenticityEvaluation.ts';
import { ambiguousLabels } from './authenticityLabels.ts';

let counter = 0;
function labelled(expected: Partial<LabelledCheck['expected']>, extra: Partial<LabelledCheck> = {}): LabelledCheck {
  counter++;
  return {
    id: `ac-${String(counter).padStart(4, '0')}`,
    split: 'holdout',
    kind: 'genuine_clear',
    why: '',
    request: { orderId: `o-${counter}`, buyerId: 'b', sellerId: 's' },
    expected: { outcome: 'likely_genuine', automaticRefund: false, codeReadable: true, damage: null, ...expected },
    ...extra,
  };
}

const view = (status: string, outcome: string | null, options: { recorded?: boolean; signals?: string[]; retake?: CheckResult['retake'] } = {}) => ({
  id: 'check-id',
  status,
  verdict: { outcome, signals: (options.signals ?? []).map((code) => ({ code })) },
  actions: { refundRequested: null, counterfeitRecorded: options.recorded ?? false },
  retake: options.retake ?? [],
});

describe('readAnswer', () => {
  it('reads a completed verdict, a seller window or a case as needs_review, and anything else as failed', () => {
    const check = labelled({});
    expect(readAnswer(check, view('completed', 'likely_genuine')).outcome).toBe('likely_genuine');
    expect(readAnswer(check, view('awaiting_seller_response', null)).outcome).toBe('needs_review');
    expect(readAnswer(check, view('awaiting_review', null)).outcome).toBe('needs_review');
    expect(readAnswer(check, view('failed', null)).outcome).toBe('failed');
    expect(readAnswer(check, view('screening', null)).outcome).toBe('failed');
  });

  it('counts a refund only for a counterfeit the policy decided and recorded, and a code read from any photo code signal', () => {
    const check = labelled({});
    expect(readAnswer(check, view('completed', 'likely_counterfeit', { recorded: true })).automaticRefund).toBe(true);
    expect(readAnswer(check, view('completed', 'likely_counterfeit')).automaticRefund).toBe(false);
    expect(readAnswer(check, view('completed', 'likely_counterfeit', { signals: ['authenticity.photo_code_mismatch'] })).codeRead).toBe(true);
    expect(readAnswer(check, view('completed', 'likely_genuine', { signals: ['authenticity.code_verified'] })).codeRead).toBe(false);
  });
});

describe('scoreAuthenticity', () => {
  const result = (check: LabelledCheck, outcome: CheckResult['outcome'], options: { refund?: boolean; read?: boolean } = {}): CheckResult => ({
    check,
    checkId: check.id,
    status: 'completed',
    outcome,
    automaticRefund: options.refund ?? false,
    codeRead: options.read ?? true,
    retake: [],
    signals: [],
  });

  it('scores counterfeit precision and recall, wrong refunds, code reads per damage and retakes on readable photos', () => {
    const results = [
      result(labelled({ outcome: 'likely_counterfeit', automaticRefund: true }), 'likely_counterfeit', { refund: true }),
      result(labelled({ outcome: 'likely_counterfeit', automaticRefund: true }), 'needs_review'),
      result(labelled({ outcome: 'needs_review' }), 'likely_counterfeit', { refund: true }),
      result(labelled({ outcome: 'likely_genuine', damage: 'blur' }), 'retake_requested', { read: false }),
      result(labelled({ outcome: 'retake_requested', codeReadable: false, damage: 'blur' }), 'retake_requested', { read: false }),
    ];
    const figures = scoreAuthenticity(results);
    expect(figures.counterfeit).toEqual({ precision: 0.5, recall: 0.5, truePositives: 1, falsePositives: 1, falseNegatives: 1 });
    expect(figures.wrongRefunds).toEqual({ hits: 1, of: 2, rate: 0.5 });
    expect(figures.refundRecall).toEqual({ hits: 1, of: 2, rate: 0.5 });
    expect(figures.codeReadByDamage.blur).toEqual({ hits: 0, of: 1, rate: 0 });
    expect(figures.codeReadByDamage.none).toEqual({ hits: 3, of: 3, rate: 1 });
    expect(figures.codeReadByDamage.glare).toEqual({ hits: 0, of: 0, rate: null });
    expect(figures.retakeOnReadable).toEqual({ hits: 1, of: 4, rate: 0.25 });
    expect(figures.confusion.likely_counterfeit).toEqual({ likely_genuine: 0, likely_counterfeit: 1, needs_review: 1, retake_requested: 0, failed: 0 });
    expect(figures.accuracy).toEqual({ hits: 2, of: 5, rate: 0.4 });
    expect(missesOf(results).map((miss) => miss.check.id)).toEqual([results[1]!.check.id, results[2]!.check.id, results[3]!.check.id]);
  });

  it('has no precision when nothing was called counterfeit, rather than a perfect one', () => {
    expect(scoreAuthenticity([result(labelled({}), 'likely_genuine')]).counterfeit.precision).toBeNull();
  });
});

describe('the frozen set', () => {
  it('holds 386 checks, 193 a split, in id order (the floors test replays a prefix by id)', () => {
    const set = loadAuthenticitySet();
    expect(set.checks).toHaveLength(386);
    expect(set.checks.filter((check) => check.split === 'tune')).toHaveLength(193);
    expect(set.checks.map((check) => check.id)).toEqual([...set.checks.map((check) => check.id)].sort());
    expect(set.brands).toHaveLength(8);
  });

  it('names its ambiguous labels by ids that exist', () => {
    const ids = new Set(loadAuthenticitySet().checks.map((check) => check.id));
    for (const entry of ambiguousLabels()) {
      expect(entry.ids.length).toBeGreaterThan(0);
      for (const id of entry.ids) expect(ids.has(id)).toBe(true);
    }
  });
});
