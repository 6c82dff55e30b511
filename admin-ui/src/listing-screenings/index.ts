/** Listing screening's part of the console: the evidence panel its cases show (see cases/evidencePanels.ts) and how its batches' listings read. */
import type { ConsoleCapability } from '../capabilities.ts';
import { ListingBatchSubject } from './ListingBatchSubject.tsx';
import { ListingScreeningEvidence } from './ListingScreeningEvidence.tsx';
import { listingScreeningMessages } from './messages.ts';

export { ListingScreeningEvidence };

/** What the console's shared pages need of listing screening (registered in capabilities.ts). */
export const listingScreeningConsole: ConsoleCapability = {
  subjectType: 'listing_screening',
  evidence: ListingScreeningEvidence,
  messageKey: 'listing',
  messages: listingScreeningMessages,
  batchSubject: ListingBatchSubject,
};
