/**
 * Each marketplace's gallery as an in-memory Hamming index, built from the fingerprints kept in
 * PostgreSQL and rebuilt when the gallery changes (a picture indexed or deleted changes its
 * version: the count and the newest indexing time of its indexed pictures). One worker process
 * keeps one index per marketplace it has screened for; every replica builds its own, so nothing
 * but PostgreSQL holds state across them. A picture whose stored hashes were made by an older
 * recipe (`FINGERPRINT_VERSION`) or lack a variant the matcher now uses is fingerprinted again
 * from its bytes while the index is built.
 */
import { LRUCache } from 'lru-cache';
import type { PrismaClient } from '../../core/database.ts';
import { LISTING_LIMITS } from '../../core/listingScreening.ts';
import { addGalleryImage, FINGERPRINT_VERSION, fingerprintImage, galleryVariants, HammingIndex, ImageFingerprintError, type FingerprintVariant, type ImageFingerprint } from '../detectors/listingImages/index.ts';

export interface GalleryEntry {
  label: string;
  brandKey: string | null;
}

export interface TenantGallery {
  index: HammingIndex;
  entries: Map<string, GalleryEntry>;
}

/** Marketplaces whose galleries one worker keeps in memory at once (least recently used leaves). */
const KEPT_GALLERIES = 64;

export function createGalleryIndexes(prisma: PrismaClient) {
  const kept = new LRUCache<string, { version: string; gallery: TenantGallery }>({ max: KEPT_GALLERIES });

  async function versionOf(tenantId: string): Promise<string> {
    const summary = await prisma.galleryImage.aggregate({ where: { tenantId, status: 'indexed' }, _count: { _all: true }, _max: { indexedAt: true } });
    return `${summary._count._all}:${summary._max.indexedAt?.getTime() ?? 0}`;
  }

  async function build(tenantId: string): Promise<TenantGallery> {
    const index = new HammingIndex();
    const entries = new Map<string, GalleryEntry>();
    const images = await prisma.galleryImage.findMany({ where: { tenantId, status: 'indexed' }, select: { id: true, label: true, brandKey: true, fingerprintVersion: true } });
    const outdated = new Set(images.filter((image) => image.fingerprintVersion < FINGERPRINT_VERSION).map((image) => image.id));
    for (const image of images) entries.set(image.id, { label: image.label, brandKey: image.brandKey });
    const pageSize = 5000;
    const collected = new Map<string, { variant: FingerprintVariant; hash: Buffer }[]>();
    for (let cursor: string | undefined; ; ) {
      const rows = await prisma.galleryImageFingerprint.findMany({
        where: { tenantId },
        orderBy: { id: 'asc' },
        take: pageSize,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        select: { id: true, galleryImageId: true, variant: true, hash: true },
      });
      const byImage = new Map<string, { variant: FingerprintVariant; hash: Buffer }[]>();
      for (const row of rows) {
        if (!entries.has(row.galleryImageId)) continue;
        byImage.set(row.galleryImageId, [...(byImage.get(row.galleryImageId) ?? []), { variant: row.variant as FingerprintVariant, hash: Buffer.from(row.hash) }]);
      }
      for (const [id, fingerprints] of byImage) collected.set(id, [...(collected.get(id) ?? []), ...fingerprints]);
      if (rows.length < pageSize) break;
      cursor = rows.at(-1)!.id;
    }
    for (const [id, fingerprints] of collected) {
      const held = new Set(fingerprints.map((fingerprint) => fingerprint.variant));
      const current = !outdated.has(id) && galleryVariants.every((variant) => held.has(variant)) ? fingerprints : ((await refingerprint(id, tenantId)) ?? fingerprints);
      addGalleryImage(index, id, { fingerprints: current });
    }
    return { index, entries };
  }

  /**
   * A picture fingerprinted by an earlier recipe hashes differently or lacks the hashes added
   * since: it is fingerprinted again from its stored bytes (once: the new rows replace the old), so a gallery
   * kept across upgrades matches like a new one. Null when the bytes are gone or unreadable.
   */
  async function refingerprint(galleryImageId: string, tenantId: string): Promise<{ variant: FingerprintVariant; hash: Buffer }[] | null> {
    const image = await prisma.galleryImage.findUnique({ where: { id: galleryImageId }, select: { bytes: true } });
    if (!image?.bytes) return null;
    let fingerprint: ImageFingerprint;
    try {
      fingerprint = await fingerprintImage(Buffer.from(image.bytes), { maxBytes: LISTING_LIMITS.galleryImageMaxBytes, maxPixels: LISTING_LIMITS.galleryImageMaxPixels });
    } catch (error) {
      if (error instanceof ImageFingerprintError) return null;
      throw error;
    }
    await prisma.$transaction([
      prisma.galleryImageFingerprint.deleteMany({ where: { galleryImageId } }),
      prisma.galleryImageFingerprint.createMany({ data: fingerprint.fingerprints.map(({ variant, hash }) => ({ galleryImageId, tenantId, variant, hash: new Uint8Array(hash) })) }),
      prisma.galleryImage.updateMany({ where: { id: galleryImageId }, data: { fingerprintVersion: FINGERPRINT_VERSION } }),
    ]);
    return fingerprint.fingerprints;
  }

  return {
    async forTenant(tenantId: string): Promise<TenantGallery> {
      const version = await versionOf(tenantId);
      const known = kept.get(tenantId);
      if (known && known.version === version) return known.gallery;
      const gallery = await build(tenantId);
      kept.set(tenantId, { version, gallery });
      return gallery;
    },
  };
}

export type GalleryIndexes = ReturnType<typeof createGalleryIndexes>;
