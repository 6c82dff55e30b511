/**
 * The kept index of a marketplace's listing pictures (workers/listingImages/listingIndexes.ts) on
 * the real PostgreSQL: built on first use, caught up with rows added since, and rebuilt when rows
 * it holds were deleted, so a search never returns a picture that is gone.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListingIndexes } from '../workers/listingImages/listingIndexes.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ worker: false });
});
afterAll(async () => {
  await platform?.close();
});

async function storeListingPicture(tenantId: string, hash: Buffer): Promise<string> {
  const screening = await platform.database.prisma.listingScreening.create({
    data: { tenantId, listingId: randomUUID(), sellerExternalId: 'seller-1', title: 'Scarf', description: '', priceAmount: 10, priceCurrency: 'EUR' },
  });
  const image = await platform.database.prisma.listingImage.create({ data: { screeningId: screening.id, tenantId, position: 0, status: 'stored' } });
  await platform.database.prisma.listingImageFingerprint.create({ data: { listingImageId: image.id, tenantId, variant: 'full', hash: new Uint8Array(hash) } });
  return image.id;
}

const found = (index: { search(hash: Buffer, radius: number): { id: string }[] }, hash: Buffer) => index.search(hash, 0).map((hit) => hit.id.split('#')[0]);

describe('kept index of listing pictures', () => {
  it('is built on first use, catches up with new pictures and forgets deleted ones', async () => {
    const { tenantId } = await platform.createTenant();
    const other = await platform.createTenant();
    const indexes = createListingIndexes(platform.database.prisma);
    const [a, b, c] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const first = await storeListingPicture(tenantId, a);
    await storeListingPicture(other.tenantId, b);

    const built = await indexes.forTenant(tenantId);
    expect(found(built, a)).toEqual([first]);
    expect(found(built, b)).toEqual([]);

    const second = await storeListingPicture(tenantId, c);
    const caughtUp = await indexes.forTenant(tenantId);
    expect(caughtUp).toBe(built);
    expect(found(caughtUp, c)).toEqual([second]);

    await platform.database.prisma.listingImage.delete({ where: { id: first } });
    const rebuilt = await indexes.forTenant(tenantId);
    expect(rebuilt).not.toBe(built);
    expect(found(rebuilt, a)).toEqual([]);
    expect(found(rebuilt, c)).toEqual([second]);
  });

  it('shares one catch-up between concurrent callers', async () => {
    const { tenantId } = await platform.createTenant();
    const indexes = createListingIndexes(platform.database.prisma);
    const hash = randomBytes(32);
    const id = await storeListingPicture(tenantId, hash);
    const [one, two] = await Promise.all([indexes.forTenant(tenantId), indexes.forTenant(tenantId)]);
    expect(one).toBe(two);
    expect(found(one, hash)).toEqual([id]);
  });
});
