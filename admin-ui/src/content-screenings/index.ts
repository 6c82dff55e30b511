/** Content screening's part of the console: the evidence panel its cases show (see cases/evidencePanels.ts) and how its backfills' posts read. */
import type { ConsoleCapability } from '../capabilities.ts';
import { ContentBatchSubject } from './ContentBatchSubject.tsx';
import { ContentScreeningEvidence } from './ContentScreeningEvidence.tsx';
import { contentScreeningMessages } from './messages.ts';

export { ContentScreeningEvidence };

/** What the console's shared pages need of content screening (registered in capabilities.ts). */
export const contentScreeningConsole: ConsoleCapability = {
  subjectType: 'content_screening',
  evidence: ContentScreeningEvidence,
  messageKey: 'content',
  messages: contentScreeningMessages,
  batchSubject: ContentBatchSubject,
};
