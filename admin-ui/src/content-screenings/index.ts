/** Content screening's part of the console: the evidence panel its cases show (see cases/evidencePanels.ts). */
export { ContentScreeningEvidence } from './ContentScreeningEvidence.tsx';
