/**
 * The case page shows each subject type's evidence with that capability's own panel (listed in
 * capabilities.ts); a type without a panel gets the generic one (its signals, shown for every
 * case, are then all there is).
 */
import type { ComponentType } from 'react';
import { consoleCapabilities } from '../capabilities.ts';
import { GenericEvidence } from './GenericEvidence.tsx';
import type { CaseDetail } from './types.ts';

export interface EvidencePanelProps {
  record: CaseDetail;
}

export const evidencePanels: Readonly<Record<string, ComponentType<EvidencePanelProps>>> = Object.fromEntries(consoleCapabilities.map((capability) => [capability.subjectType, capability.evidence]));

export function evidencePanelFor(subjectType: string): ComponentType<EvidencePanelProps> {
  return Object.hasOwn(evidencePanels, subjectType) ? evidencePanels[subjectType]! : GenericEvidence;
}
