/**
 * A document image the worker cannot decode fully (here, a JPEG cut off part-way, as a dropped
 * upload leaves it) must not leave the vetting stuck behind retries: the document activity turns
 * it into a document.unreadable signal, and the vetting waits for a moderator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';
import { applicantFor, documentImage, submitVetting, waitForVetting } from './support/vettings.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ documents: true });
});
afterAll(async () => {
  await platform?.close();
});

describe('an undecodable document image', () => {
  it('escalates as document.unreadable instead of failing the activity', { timeout: 60_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    const whole = documentImage('td3-valid-01.jpg');
    const truncated = whole.subarray(0, Math.floor(whole.length * 0.6));
    const submitted = await submitVetting(platform, apiKey, applicantFor('td3-valid-01.jpg', { document: { kind: 'passport', imageBase64: truncated.toString('base64') } }));
    // Intake may refuse the image itself; when it accepts it, the worker must settle it.
    if (submitted.statusCode !== 202) {
      expect(submitted.statusCode).toBeGreaterThanOrEqual(400);
      expect(submitted.statusCode).toBeLessThan(500);
      return;
    }
    const vetting = await waitForVetting(platform, apiKey, submitted.json().id, (candidate) => candidate.status === 'awaiting_review' || candidate.status === 'completed', 45_000);
    expect(vetting.status).toBe('awaiting_review');
    expect(vetting.verdict.signals).toContainEqual(expect.objectContaining({ code: 'document.unreadable', evidence: expect.objectContaining({ reason: 'image_undecodable' }) }));
  });
});
