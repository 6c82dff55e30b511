import { describe, expect, it } from 'vitest';
import { editableUser, newUser } from './types.ts';

const record = { id: 'u1', email: 'a@b.test', displayName: 'A', role: 'moderator' as const, allMarketplaces: false, marketplaceIds: ['m1'], disabled: false, disabledAt: null, createdAt: '2026-01-01T00:00:00Z' };

describe('user form helpers', () => {
  it('keeps the password unless one was typed, and never sends server fields', () => {
    expect(editableUser({ ...record, password: '' })).toEqual({ displayName: 'A', role: 'moderator', allMarketplaces: false, marketplaceIds: ['m1'], disabled: false });
    expect(editableUser({ ...record, password: 'new-password-123' })).toHaveProperty('password', 'new-password-123');
  });

  it('drops memberships of a platform-wide user', () => {
    expect(editableUser({ ...record, allMarketplaces: true }).marketplaceIds).toEqual([]);
  });

  it('creates with email and password, without a disabled flag', () => {
    const body = JSON.parse(JSON.stringify(newUser({ ...record, password: 'pw-long-enough' })));
    expect(body).toEqual({ email: 'a@b.test', password: 'pw-long-enough', displayName: 'A', role: 'moderator', allMarketplaces: false, marketplaceIds: ['m1'] });
  });
});
