import { describe, expect, it } from 'vitest';
import { AuthenticityCheckEvidence } from '../authenticity-checks/index.ts';
import { SellerProbationEvidence } from '../seller-probations/index.ts';
import { ContentScreeningEvidence } from '../content-screenings/index.ts';
import { ListingScreeningEvidence } from '../listing-screenings/index.ts';
import { SellerVettingEvidence } from '../seller-vettings/index.ts';
import { evidencePanelFor } from './evidencePanels.ts';
import { GenericEvidence } from './GenericEvidence.tsx';

describe('evidencePanelFor', () => {
  it("gives a capability's subject type its own panel", () => {
    expect(evidencePanelFor('seller_vetting')).toBe(SellerVettingEvidence);
    expect(evidencePanelFor('seller_probation')).toBe(SellerProbationEvidence);
    expect(evidencePanelFor('listing_screening')).toBe(ListingScreeningEvidence);
    expect(evidencePanelFor('content_screening')).toBe(ContentScreeningEvidence);
    expect(evidencePanelFor('authenticity_check')).toBe(AuthenticityCheckEvidence);
  });

  it.each(['warranty_claim', '', 'constructor', '__proto__'])('falls back to the generic panel for %j', (type) => {
    expect(evidencePanelFor(type)).toBe(GenericEvidence);
  });
});
