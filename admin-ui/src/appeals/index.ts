/** Appeals' part of the console: the evidence panel their cases show (see cases/evidencePanels.ts). */
import type { ConsoleCapability } from '../capabilities.ts';
import { AppealEvidence } from './AppealEvidence.tsx';
import { appealMessages } from './messages.ts';

/** What the console's shared pages need of appeals (registered in capabilities.ts). */
export const appealConsole: ConsoleCapability = {
  subjectType: 'appeal',
  evidence: AppealEvidence,
  messageKey: 'appeals',
  messages: appealMessages,
};
