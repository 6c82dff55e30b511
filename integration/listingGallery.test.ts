/**
 * The reference gallery on the real API and worker: uploads checked at intake, URLs fetched by the
 * worker under the outbound rules (a local server stands in for the marketplace's image host),
 * labels, deletion, and bad input.
 */
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, uploadGalleryImage, waitForGalleryImage } from './support/listings.ts';
import { startImageHost, type ImageHost } from './support/imageHost.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
let images: ImageHost;
let photo: Buffer;

beforeAll(async () => {
  platform = await startTestPlatform();
  photo = await sharp({ create: { width: 300, height: 300, channels: 3, background: { r: 20, g: 90, b: 160 } } }).png().toBuffer();
  images = await startImageHost({ 'official.png': { body: photo, type: 'image/png' }, 'page.html': { body: '<html>not a picture</html>', type: 'text/html' } });
});
afterAll(async () => {
  await platform?.close();
  await images?.close();
});

const postJson = (apiKey: string, body: Record<string, unknown>) =>
  platform.app.inject({ method: 'POST', url: '/v1/gallery-images', headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() }, payload: body });

describe('gallery images', () => {
  it('stores an uploaded counterfeit photo (201) and deletes it (204, then 404)', async () => {
    const { apiKey } = await platform.createTenant();
    const created = await uploadGalleryImage(platform, apiKey, photo, { brandKey: 'gucci', label: 'counterfeit', source: 'test purchase', note: 'seized in a test buy' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ label: 'counterfeit', brandKey: 'gucci', status: 'stored', mimeType: 'image/png', width: 300, height: 300 });
    const { id } = created.json();
    expect((await platform.app.inject({ method: 'DELETE', url: `/v1/gallery-images/${id}`, headers: bearer(apiKey) })).statusCode).toBe(204);
    expect((await platform.app.inject({ method: 'GET', url: `/v1/gallery-images/${id}`, headers: bearer(apiKey) })).statusCode).toBe(404);
    expect((await platform.app.inject({ method: 'DELETE', url: `/v1/gallery-images/${id}`, headers: bearer(apiKey) })).statusCode).toBe(404);
  });

  it('fetches a picture given by URL in the worker; a page that is no picture marks the entry failed', async () => {
    const { apiKey } = await platform.createTenant();
    const byUrl = await postJson(apiKey, { label: 'official', brandKey: 'gucci', url: `${images.base}/official.png` });
    expect(byUrl.statusCode, byUrl.body).toBe(201);
    expect(byUrl.json().status).toBe('pending');
    const stored = await waitForGalleryImage(platform, apiKey, byUrl.json().id, (image) => image.status !== 'pending');
    expect(stored).toMatchObject({ status: expect.stringMatching(/^(stored|indexed)$/), width: 300, height: 300 });
    const notPicture = await postJson(apiKey, { label: 'never_match', url: `${images.base}/page.html` });
    const failed = await waitForGalleryImage(platform, apiKey, notPicture.json().id, (image) => image.status !== 'pending');
    expect(failed).toMatchObject({ status: 'failed', failure: 'not_an_image' });
  });

  it('refuses bad input with problem+json: unknown label, non-image upload (415), missing image, other tenants', async () => {
    const { apiKey } = await platform.createTenant();
    const other = await platform.createTenant();
    const badLabel = await uploadGalleryImage(platform, apiKey, photo, { label: 'fake' });
    expect(badLabel.statusCode).toBe(400);
    expect(badLabel.json().errors[0].field).toMatch(/multipart\/data/);
    const notImage = await uploadGalleryImage(platform, apiKey, Buffer.from('%PDF-1.4 not a picture'), { label: 'official' });
    expect(notImage.statusCode).toBe(415);
    const noUrl = await postJson(apiKey, { label: 'official' });
    expect(noUrl.statusCode).toBe(400);
    const badUrl = await postJson(apiKey, { label: 'official', url: 'not a url' });
    expect(badUrl.statusCode).toBe(400);
    const created = (await uploadGalleryImage(platform, apiKey, photo, { label: 'official' })).json();
    expect((await platform.app.inject({ method: 'GET', url: `/v1/gallery-images/${created.id}`, headers: bearer(other.apiKey) })).statusCode).toBe(404);
    expect((await platform.app.inject({ method: 'DELETE', url: `/v1/gallery-images/${created.id}`, headers: bearer(other.apiKey) })).statusCode).toBe(404);
  });
});
