import { describe, expect, it } from 'vitest';
import { DuplicateActivityError, mergeActivities } from './mergeActivities.ts';

describe('mergeActivities', () => {
  it('registers every activity of every capability under its own name', async () => {
    const merged = mergeActivities({
      cases: { openCase: async () => 'case' },
      webhooks: { deliverWebhookEvent: async () => 'delivered', createWebhookEvent: async () => 'event' },
    });
    expect(Object.keys(merged).sort()).toEqual(['createWebhookEvent', 'deliverWebhookEvent', 'openCase']);
    expect(await merged.openCase()).toBe('case');
    expect(await merged.deliverWebhookEvent()).toBe('delivered');
  });

  it('refuses a name two capabilities define, naming the activity and both of them', () => {
    const merge = () =>
      mergeActivities({
        cases: { openCase: async () => 'case' },
        listingScreening: { screenListing: async () => 'screened' },
        sellerProbation: { openCase: async () => 'another case' },
      });
    expect(merge).toThrow(DuplicateActivityError);
    expect(merge).toThrow('activity openCase is defined by both cases and sellerProbation');
  });
});
