/** Listing-screening helpers for tests: brands, submissions and waiting for a screening. */
import { randomUUID } from 'node:crypto';
import type { TestPlatform } from './platform.ts';

export const bearer = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });

export async function putBrand(platform: TestPlatform, apiKey: string, key: string, body: Record<string, unknown>) {
  return await platform.app.inject({ method: 'PUT', url: `/v1/brands/${key}`, headers: bearer(apiKey), payload: body });
}

export async function submitListing(platform: TestPlatform, apiKey: string, body: Record<string, unknown>, query = '') {
  return await platform.app.inject({
    method: 'POST',
    url: `/v1/listing-screenings${query}`,
    headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
    payload: body,
  });
}

export async function readScreening(platform: TestPlatform, apiKey: string, id: string) {
  const response = await platform.app.inject({ method: 'GET', url: `/v1/listing-screenings/${id}`, headers: bearer(apiKey) });
  if (response.statusCode !== 200) throw new Error(`GET screening ${id}: ${response.statusCode} ${response.body}`);
  return response.json();
}

export async function waitForScreening(platform: TestPlatform, apiKey: string, id: string, until: (screening: { status: string }) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screening = await readScreening(platform, apiKey, id);
    if (until(screening)) return screening;
    if (Date.now() > deadline) throw new Error(`screening ${id} stuck in ${screening.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let counter = 0;
/** A listing with fresh ids; fields override. */
export function listing(overrides: Record<string, unknown> = {}) {
  counter++;
  return {
    listingId: `listing-${randomUUID().slice(0, 8)}-${counter}`,
    sellerId: 'seller-random-1',
    title: 'Leather tote bag',
    // no word of its condition: a listing that says "used" is priced against the pre-owned band
    description: 'Roomy tote with an inner pocket.',
    price: { amount: 120, currency: 'USD' },
    ...overrides,
  };
}

export const gucci = {
  name: 'Gucci',
  aliases: ['GG Marmont'],
  category: 'handbags',
  referencePrice: { currency: 'USD', min: 800, max: 4000 },
  authorizedSellerIds: ['gucci-boutique'],
};

/** A gallery upload as multipart (image + data), the way marketplaces send files. */
export async function uploadGalleryImage(platform: TestPlatform, apiKey: string, image: Buffer, data: Record<string, unknown>) {
  const { multipartBody } = await import('./multipart.ts');
  const boundary = `b${randomUUID().replaceAll('-', '')}`;
  return await platform.app.inject({
    method: 'POST',
    url: '/v1/gallery-images',
    headers: { ...bearer(apiKey), 'idempotency-key': randomUUID(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: multipartBody([{ name: 'data', value: JSON.stringify(data) }, { name: 'image', value: image, filename: 'picture.jpg', contentType: 'image/jpeg' }], boundary),
  });
}

export async function waitForGalleryImage(platform: TestPlatform, apiKey: string, id: string, until: (image: { status: string }) => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await platform.app.inject({ method: 'GET', url: `/v1/gallery-images/${id}`, headers: bearer(apiKey) });
    const image = response.json();
    if (until(image)) return image;
    if (Date.now() > deadline) throw new Error(`gallery image ${id} stuck in ${image.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
