/**
 * The case page shows each subject type's evidence with that capability's own panel. One line
 * per capability; a type without a panel gets the generic one (its signals, shown for every
 * case, are then all there is).
 */
import type { ComponentType } from 'react';
import { SellerProbationEvidence } from '../seller-probations/index.ts';
import { ListingScreeningEvidence } from '../listing-screenings/index.ts';
import { SellerVettingEvidence } from '../seller-vettings/index.ts';
import { ContentScreeningEvidence } from '../content-screenings/index.ts';
import { GenericEvidence } from './GenericEvidence.tsx';
import type { CaseDetail } from './types.ts';

export interface EvidencePanelProps {
  record: CaseDetail;
}

export const evidencePanels: Readonly<Record<string, ComponentType<EvidencePanelProps>>> = {
  seller_vetting: SellerVettingEvidence,
  listing_screening: ListingScreeningEvidence,
  content_screening: ContentScreeningEvidence,
  seller_probation: SellerProbationEvidence,
};

export function evidencePanelFor(subjectType: string): ComponentType<EvidencePanelProps> {
  return Object.hasOwn(evidencePanels, subjectType) ? evidencePanels[subjectType]! : GenericEvidence;
}
