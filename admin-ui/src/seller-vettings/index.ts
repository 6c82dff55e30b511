/** Seller vetting's part of the console: the evidence panel its cases show (see cases/evidencePanels.ts). */
import type { ConsoleCapability } from '../capabilities.ts';
import { SellerVettingEvidence } from './SellerVettingEvidence.tsx';
import { sellerVettingMessages } from './messages.ts';

export { SellerVettingEvidence };

/** What the console's shared pages need of seller vetting (registered in capabilities.ts). */
export const sellerVettingConsole: ConsoleCapability = { subjectType: 'seller_vetting', evidence: SellerVettingEvidence, messageKey: 'vetting', messages: sellerVettingMessages };
