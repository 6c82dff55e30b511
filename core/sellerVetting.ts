/** Seller-vetting domain types shared by the API (which stores them) and the workers (which read them). */
import type { CaseSubjectDefinition } from './cases.ts';

/** What the marketplace declared about the seller; stored encrypted as one JSON document. */
export interface DeclaredSellerData {
  legalName: string;
  dateOfBirth: string;
  email: string;
  phone: string;
  country: string;
  address: { line1: string; line2?: string; city: string; region?: string; postalCode: string; country: string };
  business?: { name: string; registrationNumber: string };
  payoutAccountFingerprint: string;
  deviceFingerprint: string;
  ipAddress?: string;
  documentKind: 'passport' | 'id_card';
}

export const SELLER_VETTING_POLICY_KEY = 'seller-vetting';

/** Cases opened by seller vetting: a moderator approves or rejects the seller. */
export const sellerVettingCases = {
  subjectType: 'seller_vetting',
  label: 'Seller vetting',
  decisions: [
    { value: 'approve', label: 'Approve', noteRequired: false },
    { value: 'reject', label: 'Reject', noteRequired: true, destructive: true },
  ],
} as const satisfies CaseSubjectDefinition;
