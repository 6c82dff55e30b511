/**
 * Linked accounts: a new seller sharing an identifier (document number, payout account, phone,
 * email, device) with another seller of the same marketplace, above all a banned one.
 *
 * Catches: a banned seller coming back under a new account with the same passport, bank
 * account or phone. Misses: new identifiers throughout (a fresh phone, a relative's passport);
 * devices are shared in households and internet cafés, so a shared device alone scores lowest.
 */
import type { DetectorModule, Signal } from '../../../core/signals.ts';

export type IdentifierKindName = 'document_number' | 'payout_account' | 'phone' | 'email' | 'device';

export interface AccountLink {
  kind: IdentifierKindName;
  /** the other seller (an internal id, never shown in evidence) */
  sellerId: string;
  sellerStatus: 'pending' | 'approved' | 'rejected' | 'banned';
}

export interface LinkedAccountsThresholds {
  /** how strongly a shared identifier of this kind ties two accounts together, 0..1 */
  kindStrength: Record<IdentifierKindName, number>;
  /** scale applied when the other account is not banned */
  unbannedFactor: number;
}

const thresholds: LinkedAccountsThresholds = {
  kindStrength: { document_number: 1, payout_account: 0.97, phone: 0.9, email: 0.9, device: 0.75 },
  unbannedFactor: 0.6,
};

const detector = { id: 'linked-accounts', version: '1' };

function strongest(links: AccountLink[], strength: Record<IdentifierKindName, number>): number {
  return Math.max(0, ...links.map((link) => strength[link.kind]));
}

const kindsOf = (links: AccountLink[]) => [...new Set(links.map((link) => link.kind))].sort();
const countOf = (links: AccountLink[]) => new Set(links.map((link) => link.sellerId)).size;

export const linkedAccountsDetector: DetectorModule<{ links: AccountLink[] }, LinkedAccountsThresholds> = {
  ...detector,
  description: 'Identifiers shared with other sellers of the same marketplace, especially banned ones',
  thresholds,
  detect({ links }, limits = thresholds): Signal[] {
    const banned = links.filter((link) => link.sellerStatus === 'banned');
    const others = links.filter((link) => link.sellerStatus !== 'banned');
    const signals: Signal[] = [];
    if (banned.length > 0) {
      signals.push({
        code: 'linked.banned_account',
        severity: 'critical',
        score: strongest(banned, limits.kindStrength),
        summary: `Shares ${kindsOf(banned).join(', ')} with ${countOf(banned)} banned seller(s)`,
        evidence: { sharedKinds: kindsOf(banned), bannedSellerCount: countOf(banned) },
        detector,
      });
    }
    if (others.length > 0) {
      signals.push({
        code: 'linked.shared_identifier',
        severity: strongest(others, limits.kindStrength) >= 0.9 ? 'medium' : 'low',
        score: Math.round(strongest(others, limits.kindStrength) * limits.unbannedFactor * 1000) / 1000,
        summary: `Shares ${kindsOf(others).join(', ')} with ${countOf(others)} other seller(s)`,
        evidence: { sharedKinds: kindsOf(others), sellerCount: countOf(others) },
        detector,
      });
    }
    return signals;
  },
};
