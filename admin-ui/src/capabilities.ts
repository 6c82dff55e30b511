/**
 * The capabilities the console knows, one line each: the case page draws each subject type's
 * evidence with its panel, the batch page draws its batches' subjects, and its strings are merged
 * under `bonafide.<messageKey>`. The shared pages (cases/, queues/, batches/, i18n.ts) read this
 * list and name no capability.
 */
import type { ComponentType } from 'react';
import type { TranslationMessages } from 'react-admin';
import type { EvidencePanelProps } from './cases/evidencePanels.ts';
import { appealConsole } from './appeals/index.ts';
import { authenticityCheckConsole } from './authenticity-checks/index.ts';
import { contentScreeningConsole } from './content-screenings/index.ts';
import { listingScreeningConsole } from './listing-screenings/index.ts';
import { sellerProbationConsole } from './seller-probations/index.ts';
import { sellerVettingConsole } from './seller-vettings/index.ts';

export interface ConsoleCapability {
  /** the case subject type, as the API names it */
  subjectType: string;
  /** what a moderator sees of the subject on its case page (drawn in cases/EvidenceFrame.tsx) */
  evidence: ComponentType<EvidencePanelProps>;
  /** where its strings live: `bonafide.<messageKey>.…` */
  messageKey: string;
  messages: TranslationMessages[string];
  /**
   * When it takes batches: how the shared batch page (batches/) draws a result row's subject, in
   * its words; its verdict words are `bonafide.<messageKey>.batch.verdict.<word>`.
   */
  batchSubject?: ComponentType;
  /** the subject type its batches carry, when not its cases' (a brand's code imports: `brand_code`) */
  batchSubjectType?: string;
}

/** The capability of a subject type, if the console knows it. */
export const consoleCapabilityOf = (subjectType: string): ConsoleCapability | undefined => consoleCapabilities.find((capability) => capability.subjectType === subjectType);

/** The capability whose batches carry a subject type. */
export const consoleCapabilityOfBatch = (subjectType: string): ConsoleCapability | undefined =>
  consoleCapabilities.find((capability) => capability.batchSubject && (capability.batchSubjectType ?? capability.subjectType) === subjectType);

export const consoleCapabilities: readonly ConsoleCapability[] = [
  sellerVettingConsole,
  listingScreeningConsole,
  contentScreeningConsole,
  sellerProbationConsole,
  authenticityCheckConsole,
  appealConsole,
];
