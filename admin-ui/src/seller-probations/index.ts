/** Seller probation's part of the console: the evidence panel its cases show (see cases/evidencePanels.ts). */
export { SellerProbationEvidence } from './SellerProbationEvidence.tsx';
