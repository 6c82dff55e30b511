import { describe, expect, it } from 'vitest';
import { queueAdmits, queueHolds, queuesAdmitCase } from './queueFilter.ts';

const queue = (overrides: Partial<{ subjectTypes: string[]; signalCodes: string[]; priorities: string[]; tenantIds: string[]; roles: ('moderator' | 'senior_moderator' | 'admin')[] }> = {}) => ({
  subjectTypes: [],
  signalCodes: [],
  priorities: [],
  tenantIds: [],
  roles: [],
  ...overrides,
});
const facts = { subjectType: 'seller_vetting', signalCodes: ['watchlist.strong_match', 'document.verified'], priority: 'high', tenantId: 't1' };

describe('case queues', () => {
  it('an empty queue holds every case and admits every role', () => {
    expect(queueHolds(queue(), facts)).toBe(true);
    expect(queueAdmits(queue(), 'moderator')).toBe(true);
  });

  it('each filter narrows the queue', () => {
    expect(queueHolds(queue({ subjectTypes: ['listing_screening'] }), facts)).toBe(false);
    expect(queueHolds(queue({ signalCodes: ['watchlist.strong_match'] }), facts)).toBe(true);
    expect(queueHolds(queue({ signalCodes: ['listing.replica_cue'] }), facts)).toBe(false);
    expect(queueHolds(queue({ priorities: ['urgent'] }), facts)).toBe(false);
    expect(queueHolds(queue({ tenantIds: ['t2'] }), facts)).toBe(false);
  });

  it('a case held only by a senior queue is not worked by a moderator; admins work everything', () => {
    const seniorOnly = queue({ signalCodes: ['watchlist.strong_match'], roles: ['senior_moderator'] });
    expect(queuesAdmitCase([seniorOnly], facts, 'moderator')).toBe(false);
    expect(queuesAdmitCase([seniorOnly], facts, 'senior_moderator')).toBe(true);
    expect(queuesAdmitCase([seniorOnly], facts, 'admin')).toBe(true);
    // another queue holding it and open to moderators lets them work it
    expect(queuesAdmitCase([seniorOnly, queue({ roles: ['moderator'] })], facts, 'moderator')).toBe(true);
    // a case no queue holds is open to all
    expect(queuesAdmitCase([queue({ subjectTypes: ['other'], roles: ['admin'] })], facts, 'moderator')).toBe(true);
  });
});
