import { describe, expect, it } from 'vitest';
import { claimState, mayRelease } from './claim.ts';

const now = new Date('2026-05-01T10:00:00Z');
const held = (id: string, until: string) => ({ claimedBy: { id, displayName: `User ${id}` }, claimExpiresAt: until });

describe('claimState', () => {
  it('tells the viewer whether they or someone else holds the case', () => {
    expect(claimState(held('u1', '2026-05-01T10:30:00Z'), 'u1', now)).toEqual({ kind: 'mine', until: '2026-05-01T10:30:00Z' });
    expect(claimState(held('u2', '2026-05-01T10:30:00Z'), 'u1', now)).toEqual({ kind: 'other', holder: 'User u2', until: '2026-05-01T10:30:00Z' });
  });

  it('counts a lapsed or missing claim as free', () => {
    expect(claimState(held('u2', '2026-05-01T09:59:59Z'), 'u1', now)).toEqual({ kind: 'free' });
    expect(claimState({ claimedBy: null, claimExpiresAt: null }, 'u1', now)).toEqual({ kind: 'free' });
  });

  it('never takes an unknown viewer for the holder', () => {
    expect(claimState(held('u2', '2026-05-01T10:30:00Z'), undefined, now).kind).toBe('other');
  });
});

describe('mayRelease', () => {
  it('lets the holder and admins release', () => {
    expect(mayRelease({ kind: 'mine', until: 'x' }, 'moderator')).toBe(true);
    expect(mayRelease({ kind: 'other', holder: 'B', until: 'x' }, 'admin')).toBe(true);
    expect(mayRelease({ kind: 'other', holder: 'B', until: 'x' }, 'senior_moderator')).toBe(false);
    expect(mayRelease({ kind: 'free' }, 'admin')).toBe(false);
  });
});
