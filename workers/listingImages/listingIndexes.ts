/**
 * Each marketplace's screened listing pictures as a kept in-memory Hamming index, for retroactive
 * matching: when a counterfeit joins the gallery, the listings that already showed it are found
 * by a search, not by reading every fingerprint ever stored.
 *
 * The index is built once per marketplace from PostgreSQL and then caught up: fingerprint rows
 * carry a sequence (`seq`), and each use reads only the rows after the last one the index holds.
 * Rows deleted since (an erased seller's listings) would leave stale entries, and a row whose
 * transaction committed after later-numbered ones would be skipped, so the index is rebuilt when
 * the table's count of rows up to the last sequence read differs from what the index was fed. Every worker
 * replica keeps its own copy; PostgreSQL stays the only shared state. Callers check what a search
 * returns against PostgreSQL anyway, so a stale entry costs a lookup, never a wrong re-screening.
 *
 * Memory: a listing picture keeps nine variants of 32 bytes, about 3× that in the index, so a
 * million pictures take about 850 MB; `KEPT_LISTING_INDEXES` bounds how many marketplaces one
 * worker keeps at once (least recently used leave).
 */
import { LRUCache } from 'lru-cache';
import type { PrismaClient } from '../../core/database.ts';
import { addListingImage, HammingIndex, type FingerprintVariant } from '../detectors/listingImages/index.ts';

const KEPT_LISTING_INDEXES = 8;
/** Fingerprint rows read per page while building or catching up. */
const PAGE = 5000;

interface KeptListingIndex {
  index: HammingIndex;
  /** the highest `seq` fed into the index */
  lastSeq: bigint;
  /** rows fed into the index */
  rows: number;
}

export function createListingIndexes(prisma: PrismaClient) {
  const kept = new LRUCache<string, KeptListingIndex>({ max: KEPT_LISTING_INDEXES });
  /** one catch-up at a time per marketplace: concurrent gallery updates share it */
  const pending = new Map<string, Promise<HammingIndex>>();

  async function feed(tenantId: string, target: KeptListingIndex): Promise<void> {
    for (;;) {
      const rows = await prisma.listingImageFingerprint.findMany({
        where: { tenantId, seq: { gt: target.lastSeq } },
        orderBy: { seq: 'asc' },
        take: PAGE,
        select: { seq: true, listingImageId: true, variant: true, hash: true },
      });
      for (const row of rows) addListingImage(target.index, row.listingImageId, { fingerprints: [{ variant: row.variant as FingerprintVariant, hash: Buffer.from(row.hash) }] });
      target.rows += rows.length;
      if (rows.length > 0) target.lastSeq = rows.at(-1)!.seq;
      if (rows.length < PAGE) return;
    }
  }

  async function current(tenantId: string): Promise<HammingIndex> {
    let entry = kept.get(tenantId);
    if (entry) {
      await feed(tenantId, entry);
      // Fewer rows: some were deleted. More: a transaction that took its sequence numbers before
      // the last ones read committed after them. Either way the index is built afresh.
      const stored = await prisma.listingImageFingerprint.count({ where: { tenantId, seq: { lte: entry.lastSeq } } });
      if (stored !== entry.rows) entry = undefined;
    }
    if (!entry) {
      entry = { index: new HammingIndex(), lastSeq: -1n, rows: 0 };
      await feed(tenantId, entry);
    }
    kept.set(tenantId, entry);
    return entry.index;
  }

  return {
    /** The marketplace's listing pictures indexed up to now. */
    forTenant(tenantId: string): Promise<HammingIndex> {
      const running = pending.get(tenantId);
      if (running) return running;
      const started = current(tenantId).finally(() => pending.delete(tenantId));
      pending.set(tenantId, started);
      return started;
    },
  };
}

export type ListingIndexes = ReturnType<typeof createListingIndexes>;
