/**
 * Authenticity checks' part of the console: the evidence panel their cases show (see
 * cases/evidencePanels.ts), and how the lines of a brand's code imports read on the batch page.
 */
import type { ConsoleCapability } from '../capabilities.ts';
import { AuthenticityCheckEvidence } from './AuthenticityCheckEvidence.tsx';
import { CodeBatchSubject } from './CodeBatchSubject.tsx';
import { authenticityCheckMessages } from './messages.ts';

export { AuthenticityCheckEvidence };

/** What the console's shared pages need of authenticity checks (registered in capabilities.ts). */
export const authenticityCheckConsole: ConsoleCapability = {
  subjectType: 'authenticity_check',
  evidence: AuthenticityCheckEvidence,
  messageKey: 'authenticity',
  messages: authenticityCheckMessages,
  // its batches are a brand's unit codes, written to the registry
  batchSubject: CodeBatchSubject,
  batchSubjectType: 'brand_code',
};
