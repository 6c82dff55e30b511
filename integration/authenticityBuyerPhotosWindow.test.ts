/**
 * The buyer's window for photos running out, on a platform whose window is 2 seconds (the
 * workflow's durable timer ends it): a check sent with nothing is screened with what it has, and
 * a retake nobody answered stays the outcome, its workflow ends, and the buyer page says the time
 * is up while the API refuses late photos.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barcode, blurred, label } from '../workers/detectors/authenticityPhotos/renderedPhotos.ts';
import { authenticityCheckWorkflowId } from '../workflows/names.ts';
import { bearer } from './support/listings.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ documents: true, config: { BUYER_PHOTOS_SECONDS: '2' } });
});
afterAll(async () => platform?.close());

const GTIN = '09506000134352';

async function submit(apiKey: string, body: Record<string, unknown>) {
  const response = await platform.app.inject({
    method: 'POST',
    url: '/v1/authenticity-checks',
    headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
    payload: { orderId: `o-${uniqueSuffix()}`, buyerId: 'b-1', sellerId: 's-1', brandKey: 'brush-co', ...body },
  });
  expect(response.statusCode, response.body).toBe(202);
  return response.json() as { id: string; buyerUrl: string };
}

describe('the buyer’s window for photos', () => {
  it('runs out: an empty check is screened with what it has, an unanswered retake stays the outcome', { timeout: 120_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    expect((await platform.app.inject({ method: 'PUT', url: '/v1/brands/brush-co', headers: bearer(apiKey), payload: { name: 'Brush Co', gtins: [GTIN], codeRegistry: 'bonafide' } })).statusCode).toBe(200);

    const empty = await submit(apiKey, {});
    const screened = platform.temporal.workflow.getHandle(authenticityCheckWorkflowId(empty.id));
    // nothing came: screened all the same, a case for the missing code
    await expect.poll(async () => (await platform.database.prisma.authenticityCheck.findUniqueOrThrow({ where: { id: empty.id } })).status, { timeout: 60_000 }).toBe('awaiting_review');
    expect((await screened.describe()).status.name).toBe('RUNNING');

    const sharp = await label({ code: await barcode('gs1datamatrix', `(01)${GTIN}(21)WN000001`, { scale: 4 }) });
    const retake = await submit(apiKey, { photos: [{ kind: 'label', imageBase64: (await blurred(sharp, 8)).toString('base64') }] });
    const handle = await platform.startedWorkflow(authenticityCheckWorkflowId(retake.id));
    expect(await handle.result()).toMatchObject({ outcome: 'retake_requested' });
    const check = (await platform.app.inject({ method: 'GET', url: `/v1/authenticity-checks/${retake.id}`, headers: bearer(apiKey) })).json();
    expect(check).toMatchObject({ status: 'completed', verdict: { outcome: 'retake_requested' }, photosWindow: null, round: 0 });
    const token = retake.buyerUrl.split('#')[1]!;
    expect((await platform.app.inject({ method: 'GET', url: `/v1/buyer/checks/${token}` })).json()).toMatchObject({ state: 'closed', asks: [] });
    const late = await platform.app.inject({ method: 'POST', url: `/v1/buyer/checks/${token}/photos`, payload: { photos: [{ kind: 'label', imageBase64: sharp.toString('base64') }] } });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'photos-not-awaited' });
  });
});
