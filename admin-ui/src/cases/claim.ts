import type { CaseRecord } from './types.ts';

/** Who holds an open case from the viewer's side: nobody, the viewer, or another moderator. */
export type ClaimState = { kind: 'free' } | { kind: 'mine'; until: string } | { kind: 'other'; holder: string; until: string };

/**
 * The API shows only live claims, but a page left open outlives them: a claim whose
 * time has passed counts as free, so the Claim button comes back without a reload.
 */
export function claimState(record: Pick<CaseRecord, 'claimedBy' | 'claimExpiresAt'>, viewerId: string | undefined, now: Date): ClaimState {
  const { claimedBy, claimExpiresAt } = record;
  if (!claimedBy || !claimExpiresAt || Date.parse(claimExpiresAt) <= now.getTime()) return { kind: 'free' };
  if (viewerId !== undefined && claimedBy.id === viewerId) return { kind: 'mine', until: claimExpiresAt };
  return { kind: 'other', holder: claimedBy.displayName, until: claimExpiresAt };
}

/** The holder releases their own claim; an admin may release anyone's. */
export const mayRelease = (state: ClaimState, role: unknown): boolean =>
  state.kind === 'mine' || (state.kind === 'other' && role === 'admin');
