import { describe, expect, it } from 'vitest';
import { canDefineQueues, queueBody } from './queueBody.ts';

describe('queueBody', () => {
  it('keeps the definition and drops what the server owns', () => {
    const record = {
      id: 'q1',
      name: '  Identity mismatches ',
      description: '',
      subjectTypes: ['seller_vetting'],
      signalCodes: ['document.name_mismatch', ' document.name_mismatch ', '', 3],
      priorities: ['high', 'urgent'],
      roles: ['senior_moderator'],
      open: 4,
      overdue: 1,
      createdAt: '2026-01-01T00:00:00Z',
    };
    expect(queueBody(record)).toEqual({
      name: 'Identity mismatches',
      description: null,
      subjectTypes: ['seller_vetting'],
      signalCodes: ['document.name_mismatch'],
      priorities: ['high', 'urgent'],
      tenantIds: [],
      roles: ['senior_moderator'],
    });
  });

  it('sends empty lists (any) for filters left out', () => {
    expect(queueBody({ name: 'Everything', description: 'all cases' })).toMatchObject({ description: 'all cases', subjectTypes: [], roles: [] });
  });
});

describe('canDefineQueues', () => {
  it('is for admins only', () => {
    expect(['moderator', 'senior_moderator', 'admin', undefined].map(canDefineQueues)).toEqual([false, false, true, false]);
  });
});
