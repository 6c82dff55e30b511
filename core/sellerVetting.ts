/** Seller-vetting domain types shared by the API (which stores them) and the workers (which read them). */

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
