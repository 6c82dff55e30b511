/** Listing screening's part of the console: the evidence panel its cases show (see cases/evidencePanels.ts). */
export { ListingScreeningEvidence } from './ListingScreeningEvidence.tsx';
