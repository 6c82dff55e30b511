/** Seller probation's part of the console: the evidence panel its cases show (see cases/evidencePanels.ts). */
import type { ConsoleCapability } from '../capabilities.ts';
import { SellerProbationEvidence } from './SellerProbationEvidence.tsx';
import { sellerProbationMessages } from './messages.ts';

export { SellerProbationEvidence };

/** What the console's shared pages need of seller probation (registered in capabilities.ts). */
export const sellerProbationConsole: ConsoleCapability = { subjectType: 'seller_probation', evidence: SellerProbationEvidence, messageKey: 'probation', messages: sellerProbationMessages };
