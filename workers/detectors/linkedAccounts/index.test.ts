import { describe, expect, it } from 'vitest';
import { linkedAccountsDetector } from './index.ts';

describe('linked accounts detector', () => {
  it('says nothing without links', () => {
    expect(linkedAccountsDetector.detect({ links: [] })).toEqual([]);
  });

  it('flags a banned seller sharing a payout account as critical, without naming anyone', () => {
    const [signal] = linkedAccountsDetector.detect({ links: [{ kind: 'payout_account', sellerId: 's1', sellerStatus: 'banned' }] });
    expect(signal).toMatchObject({ code: 'linked.banned_account', severity: 'critical', score: 0.97 });
    expect(signal?.evidence).toEqual({ sharedKinds: ['payout_account'], bannedSellerCount: 1 });
    expect(JSON.stringify(signal)).not.toContain('s1');
  });

  it('scores a shared device with an ordinary seller low', () => {
    const [signal] = linkedAccountsDetector.detect({ links: [{ kind: 'device', sellerId: 's2', sellerStatus: 'approved' }] });
    expect(signal).toMatchObject({ code: 'linked.shared_identifier', severity: 'low', score: 0.45 });
  });

  it('reports banned and other links separately and counts distinct sellers', () => {
    const signals = linkedAccountsDetector.detect({
      links: [
        { kind: 'phone', sellerId: 'b', sellerStatus: 'banned' },
        { kind: 'email', sellerId: 'b', sellerStatus: 'banned' },
        { kind: 'phone', sellerId: 'c', sellerStatus: 'approved' },
      ],
    });
    expect(signals.map((signal) => [signal.code, signal.evidence])).toEqual([
      ['linked.banned_account', { sharedKinds: ['email', 'phone'], bannedSellerCount: 1 }],
      ['linked.shared_identifier', { sharedKinds: ['phone'], sellerCount: 1 }],
    ]);
  });
});
