/**
 * Listing pictures against the gallery on the real API, worker, PostgreSQL and Temporal: a
 * counterfeit's photo resized and cropped in a listing is matched (with the gallery picture's id
 * and the distance), a never_match picture suppresses the match, and a counterfeit added later
 * re-screens the earlier listing that used its photo. A local server stands in for the image host.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composePicture } from '../fixtures/listing-screening/images/compose.ts';
import { FINGERPRINT_VERSION } from '../workers/detectors/listingImages/index.ts';
import { bearer, gucci, listing, putBrand, submitListing, uploadGalleryImage, waitForGalleryImage, waitForScreening } from './support/listings.ts';
import { startImageHost, type ImageHost } from './support/imageHost.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
let images: ImageHost;
const pictures = new Map<string, Buffer>();

async function resizedAndCropped(bytes: Buffer): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const cropX = Math.round(width * 0.05);
  const cropY = Math.round(height * 0.05);
  return await sharp(bytes).extract({ left: cropX, top: cropY, width: width - 2 * cropX, height: height - 2 * cropY }).resize({ width: Math.round(width * 0.6) }).jpeg({ quality: 70 }).toBuffer();
}

/** Turned 5 degrees on white, a sale banner over the lower quarter, recompressed: the fingerprints put it near (about 50 bits), not within the match distance. */
async function turnedAndBannered(bytes: Buffer): Promise<Buffer> {
  const turned = await sharp(bytes).rotate(5, { background: '#ffffff' }).png().toBuffer();
  const { width = 0, height = 0 } = await sharp(turned).metadata();
  const banner = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${Math.round(height / 4)}"><rect width="100%" height="100%" fill="#d62828"/><text x="20" y="${Math.round(height / 6)}" font-size="${Math.round(height / 9)}" fill="white" font-family="DejaVu Sans, sans-serif">SALE -70%</text></svg>`);
  return await sharp(turned).composite([{ input: banner, left: 0, top: height - Math.round(height / 4) }]).jpeg({ quality: 55 }).toBuffer();
}

beforeAll(async () => {
  platform = await startTestPlatform({ documents: true });
  const [fake, later, stock, unrelated, second, third] = await Promise.all([composePicture(7), composePicture(21), composePicture(33), composePicture(100_123), composePicture(45), composePicture(58)]);
  pictures.set('fake', fake).set('later', later).set('stock', stock).set('unrelated', unrelated).set('second', second).set('third', third);
  const tag = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="900" height="400"><rect width="900" height="400" fill="white"/><text x="60" y="250" font-family="DejaVu Sans, sans-serif" font-size="140" font-weight="bold" fill="black">REPLICA</text></svg>');
  pictures.set('tag.png', await sharp(tag).png().toBuffer());
  pictures.set('fake-edited.jpg', await resizedAndCropped(fake)).set('later-listing.jpg', await resizedAndCropped(later)).set('stock.jpg', stock).set('unrelated.jpg', unrelated);
  pictures.set('second-listing.jpg', await resizedAndCropped(second)).set('third-listing.jpg', await resizedAndCropped(third));
  pictures.set('fake-disguised.jpg', await turnedAndBannered(fake));
  images = await startImageHost(Object.fromEntries(pictures));
});
afterAll(async () => {
  await platform?.close();
  await images?.close();
});

const indexed = (image: { status: string }) => image.status === 'indexed' || image.status === 'failed';

describe('listing pictures against the gallery', () => {
  it('blocks a listing whose photo is a gallery counterfeit resized and cropped, naming the gallery picture and the distance', async () => {
    const { apiKey } = await platform.createTenant();
    await putBrand(platform, apiKey, 'gucci', gucci);
    const counterfeit = (await uploadGalleryImage(platform, apiKey, pictures.get('fake')!, { brandKey: 'gucci', label: 'counterfeit', source: 'test buy' })).json();
    expect(await waitForGalleryImage(platform, apiKey, counterfeit.id, indexed)).toMatchObject({ status: 'indexed', fingerprints: expect.any(Number) });

    const screened = (await submitListing(platform, apiKey, listing({ title: 'Shoulder bag, brand new', images: [{ url: `${images.base}/unrelated.jpg` }, { url: `${images.base}/fake-edited.jpg` }] }), '?wait=25')).json();
    expect(screened.verdict.outcome, JSON.stringify(screened.verdict.signals)).toBe('block');
    const match = screened.verdict.signals.find((signal: { code: string }) => signal.code === 'listing.image_match');
    expect(match.evidence).toMatchObject({ galleryImageId: counterfeit.id, label: 'counterfeit', listingImage: 1, certainty: 'match', distance: expect.any(Number) });
    expect(match.evidence.distance).toBeLessThanOrEqual(44);

    const plain = (await submitListing(platform, apiKey, listing({ title: 'Shoulder bag, brand new', images: [{ url: `${images.base}/unrelated.jpg` }] }), '?wait=25')).json();
    expect(plain.verdict.outcome).toBe('allow');
    expect(plain.verdict.signals.map((signal: { code: string }) => signal.code)).not.toContain('listing.image_match');
  });

  it('blocks a counterfeit photo turned and bannered past the match distance once the two pictures align', async () => {
    const { apiKey } = await platform.createTenant();
    await putBrand(platform, apiKey, 'gucci', gucci);
    const counterfeit = (await uploadGalleryImage(platform, apiKey, pictures.get('fake')!, { brandKey: 'gucci', label: 'counterfeit', source: 'test buy' })).json();
    await waitForGalleryImage(platform, apiKey, counterfeit.id, indexed);

    const screened = (await submitListing(platform, apiKey, listing({ title: 'Shoulder bag, brand new', images: [{ url: `${images.base}/fake-disguised.jpg` }] }), '?wait=25')).json();
    expect(screened.verdict.outcome, JSON.stringify(screened.verdict.signals)).toBe('block');
    const match = screened.verdict.signals.find((signal: { code: string }) => signal.code === 'listing.image_match');
    expect(match.evidence).toMatchObject({ galleryImageId: counterfeit.id, label: 'counterfeit', certainty: 'match', alignment: { verified: true } });
    expect(match.evidence.distance).toBeGreaterThan(40);
    expect(match.summary).toMatch(/confirmed by \d+ features aligned/);
  });

  it('escalates an official photo reused by an unauthorized seller, and says nothing where the same picture is marked never_match', async () => {
    const official = await platform.createTenant();
    await putBrand(platform, official.apiKey, 'gucci', gucci);
    const shot = (await uploadGalleryImage(platform, official.apiKey, pictures.get('stock')!, { brandKey: 'gucci', label: 'official' })).json();
    await waitForGalleryImage(platform, official.apiKey, shot.id, indexed);
    const reused = (await submitListing(platform, official.apiKey, listing({ images: [{ url: `${images.base}/stock.jpg` }] }), '?wait=25')).json();
    expect(reused.verdict.automated.outcome).toBe('escalate');
    expect(reused.verdict.signals.find((signal: { code: string }) => signal.code === 'listing.image_match').evidence).toMatchObject({ galleryImageId: shot.id, label: 'official' });
    const byBoutique = (await submitListing(platform, official.apiKey, listing({ sellerId: 'gucci-boutique', images: [{ url: `${images.base}/stock.jpg` }] }), '?wait=25')).json();
    expect(byBoutique.verdict.outcome).toBe('allow');

    const { apiKey } = await platform.createTenant();
    const stock = (await uploadGalleryImage(platform, apiKey, pictures.get('stock')!, { label: 'never_match', note: 'studio background' })).json();
    await waitForGalleryImage(platform, apiKey, stock.id, indexed);
    const screened = (await submitListing(platform, apiKey, listing({ images: [{ url: `${images.base}/stock.jpg` }] }), '?wait=25')).json();
    expect(screened.verdict.outcome).toBe('allow');
    expect(screened.verdict.signals.map((signal: { code: string }) => signal.code)).not.toContain('listing.image_match');
  });

  it('reads the text printed on a picture (OCR) where it can change the verdict: "REPLICA" on a branded listing\'s tag blocks; an unbranded listing is not read', async () => {
    const { apiKey } = await platform.createTenant();
    await putBrand(platform, apiKey, 'gucci', gucci);
    const branded = (await submitListing(platform, apiKey, listing({ sellerId: 'gucci-boutique', title: 'Gucci leather belt', price: { amount: 900, currency: 'USD' }, images: [{ url: `${images.base}/tag.png` }] }), '?wait=30')).json();
    expect(branded.verdict.outcome, JSON.stringify(branded.verdict.signals)).toBe('block');
    expect(branded.verdict.signals.find((signal: { code: string }) => signal.code === 'listing.counterfeit_cue').evidence).toMatchObject({ cue: 'replica', field: 'image:0' });

    const plain = (await submitListing(platform, apiKey, listing({ title: 'Leather belt', images: [{ url: `${images.base}/tag.png` }] }), '?wait=30')).json();
    expect(plain.verdict.outcome).toBe('allow');
    const picture = await platform.database.prisma.listingImage.findFirstOrThrow({ where: { screeningId: plain.id } });
    expect(picture).toMatchObject({ status: 'stored', ocrText: null });
  });

  it('re-screens an earlier allowed listing when its photo is added to the gallery as a counterfeit', async () => {
    const { apiKey } = await platform.createTenant();
    const earlier = (await submitListing(platform, apiKey, listing({ title: 'Handbag, like new', images: [{ url: `${images.base}/later-listing.jpg` }] }), '?wait=25')).json();
    expect(earlier.verdict.outcome).toBe('allow');

    const counterfeit = (await uploadGalleryImage(platform, apiKey, pictures.get('later')!, { label: 'counterfeit', source: 'customer complaint' })).json();
    await waitForGalleryImage(platform, apiKey, counterfeit.id, indexed);
    const screenings = async () => (await platform.app.inject({ method: 'GET', url: `/v1/listing-screenings?listingId=${earlier.listingId}`, headers: bearer(apiKey) })).json().items as { id: string; trigger: string }[];
    await expect.poll(async () => (await screenings()).length, { timeout: 30_000 }).toBe(2);
    const [newest] = await screenings();
    expect(newest).toMatchObject({ trigger: 'gallery_update' });
    const rescreened = await waitForScreening(platform, apiKey, newest!.id, (screening) => screening.status === 'completed');
    expect(rescreened).toMatchObject({ verdict: { outcome: 'block' }, previousScreeningId: earlier.id });
    expect(rescreened.verdict.signals.find((signal: { code: string }) => signal.code === 'listing.image_match').evidence).toMatchObject({ galleryImageId: counterfeit.id, listingImage: 0 });
  });

  it('fingerprints a gallery picture again when its stored hashes were made by an older recipe', async () => {
    const { apiKey } = await platform.createTenant();
    const counterfeit = (await uploadGalleryImage(platform, apiKey, pictures.get('fake')!, { label: 'counterfeit' })).json();
    await waitForGalleryImage(platform, apiKey, counterfeit.id, indexed);
    const { prisma } = platform.database;
    const stored = await prisma.galleryImageFingerprint.findMany({ where: { galleryImageId: counterfeit.id }, orderBy: { variant: 'asc' }, select: { variant: true, hash: true } });
    // as an older recipe left it: version 1, and every hash different from what the recipe makes now
    await prisma.galleryImage.update({ where: { id: counterfeit.id }, data: { fingerprintVersion: 1 } });
    await prisma.galleryImageFingerprint.updateMany({ where: { galleryImageId: counterfeit.id }, data: { hash: new Uint8Array(32).fill(0x5a) } });
    const screened = (await submitListing(platform, apiKey, listing({ title: 'Shoulder bag', images: [{ url: `${images.base}/fake-edited.jpg` }] }), '?wait=25')).json();
    expect(screened.verdict.outcome).toBe('block');
    const remade = await prisma.galleryImageFingerprint.findMany({ where: { galleryImageId: counterfeit.id }, orderBy: { variant: 'asc' }, select: { variant: true, hash: true } });
    expect(remade.map((row) => [row.variant, Buffer.from(row.hash).toString('hex')])).toEqual(stored.map((row) => [row.variant, Buffer.from(row.hash).toString('hex')]));
    expect((await prisma.galleryImage.findUniqueOrThrow({ where: { id: counterfeit.id } })).fingerprintVersion).toBe(FINGERPRINT_VERSION);
  });

  it('fingerprints a gallery picture again when its stored hashes predate a variant the matcher uses', async () => {
    const { apiKey } = await platform.createTenant();
    const counterfeit = (await uploadGalleryImage(platform, apiKey, pictures.get('fake')!, { label: 'counterfeit' })).json();
    const indexedImage = await waitForGalleryImage(platform, apiKey, counterfeit.id, indexed);
    const { prisma } = platform.database;
    // as an earlier version stored it: without the hash of the picture's settled core
    await prisma.galleryImageFingerprint.deleteMany({ where: { galleryImageId: counterfeit.id, variant: 'core-top' } });
    const screened = (await submitListing(platform, apiKey, listing({ title: 'Shoulder bag', images: [{ url: `${images.base}/fake-edited.jpg` }] }), '?wait=25')).json();
    expect(screened.verdict.outcome).toBe('block');
    const variants = (await prisma.galleryImageFingerprint.findMany({ where: { galleryImageId: counterfeit.id }, select: { variant: true } })).map((row) => row.variant);
    expect(variants).toContain('core-top');
    expect(variants).toHaveLength(indexedImage.fingerprints);
  });

  it('finds listings screened after the kept index of listing pictures was built, and only those that match', async () => {
    const { apiKey } = await platform.createTenant();
    const screeningsOf = async (listingId: string) => (await platform.app.inject({ method: 'GET', url: `/v1/listing-screenings?listingId=${listingId}`, headers: bearer(apiKey) })).json().items as { id: string; trigger: string }[];
    const first = (await submitListing(platform, apiKey, listing({ title: 'Scarf, silk', images: [{ url: `${images.base}/second-listing.jpg` }] }), '?wait=25')).json();
    // the first counterfeit builds the marketplace's index of listing pictures
    const firstFake = (await uploadGalleryImage(platform, apiKey, pictures.get('second')!, { label: 'counterfeit' })).json();
    await waitForGalleryImage(platform, apiKey, firstFake.id, indexed);
    await expect.poll(async () => (await screeningsOf(first.listingId)).length, { timeout: 30_000 }).toBe(2);

    // screened after the index was built: found only if the index caught up with it
    const later = (await submitListing(platform, apiKey, listing({ title: 'Scarf, wool', images: [{ url: `${images.base}/third-listing.jpg` }] }), '?wait=25')).json();
    expect(later.verdict.outcome).toBe('allow');
    const secondFake = (await uploadGalleryImage(platform, apiKey, pictures.get('third')!, { label: 'counterfeit' })).json();
    await waitForGalleryImage(platform, apiKey, secondFake.id, indexed);
    await expect.poll(async () => (await screeningsOf(later.listingId)).length, { timeout: 30_000 }).toBe(2);
    const [rescreening] = await screeningsOf(later.listingId);
    expect(await waitForScreening(platform, apiKey, rescreening!.id, (screening) => screening.status === 'completed')).toMatchObject({ verdict: { outcome: 'block' }, trigger: 'gallery_update' });
    // the first listing does not show the second counterfeit: no third screening for it
    expect(await screeningsOf(first.listingId)).toHaveLength(2);
  });
});
