/** Authenticity checks' part of the console: the evidence panel their cases show (see cases/evidencePanels.ts). */
import type { ConsoleCapability } from '../capabilities.ts';
import { AuthenticityCheckEvidence } from './AuthenticityCheckEvidence.tsx';
import { authenticityCheckMessages } from './messages.ts';

export { AuthenticityCheckEvidence };

/** What the console's shared pages need of authenticity checks (registered in capabilities.ts). */
export const authenticityCheckConsole: ConsoleCapability = { subjectType: 'authenticity_check', evidence: AuthenticityCheckEvidence, messageKey: 'authenticity', messages: authenticityCheckMessages };
