import type { TranslateFunction } from 'react-admin';
import { consoleCapabilityOfBatch } from '../capabilities.ts';

/**
 * The batch page's words for one batch: a capability may say them its own way under
 * `bonafide.<messageKey>.batch.<key>` (a code import writes codes, it does not screen them); every
 * other key reads the shared `bonafide.batches.<key>`.
 */
export function batchWords(translate: TranslateFunction, subjectType: string): (key: string, options?: Record<string, unknown>) => string {
  const messageKey = consoleCapabilityOfBatch(subjectType)?.messageKey;
  return (key, options = {}) => {
    const shared = translate(`bonafide.batches.${key}`, options);
    return messageKey ? translate(`bonafide.${messageKey}.batch.${key}`, { ...options, _: shared }) : shared;
  };
}
