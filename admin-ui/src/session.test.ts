import { describe, expect, it } from 'vitest';
import { isRole, parseSessionUser } from './session.ts';

const user = { id: 'u1', email: 'ana@example.com', displayName: 'Ana', role: 'senior_moderator' };

describe('parseSessionUser', () => {
  it('reads the user envelope', () => {
    expect(parseSessionUser({ user })).toEqual(user);
  });

  it('stringifies numeric ids and falls back to the email as display name', () => {
    expect(parseSessionUser({ user: { ...user, id: 7, displayName: '' } })).toEqual({
      ...user,
      id: '7',
      displayName: 'ana@example.com',
    });
  });

  it.each([
    ['no envelope', user],
    ['null user', { user: null }],
    ['unknown role', { user: { ...user, role: 'owner' } }],
    ['missing email', { user: { ...user, email: undefined } }],
    ['missing id', { user: { ...user, id: null } }],
  ])('rejects a body with %s', (_label, body) => {
    expect(parseSessionUser(body)).toBeUndefined();
  });
});

describe('isRole', () => {
  it('accepts exactly the three console roles', () => {
    expect(['moderator', 'senior_moderator', 'admin'].filter((item) => !isRole(item))).toEqual([]);
    expect(isRole('Admin')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
