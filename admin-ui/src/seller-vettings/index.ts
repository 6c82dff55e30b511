/** Seller vetting's part of the console: the evidence panel its cases show (see cases/evidencePanels.ts). */
export { SellerVettingEvidence } from './SellerVettingEvidence.tsx';
