/**
 * A backfill range screened as one: its share of the script index read once, every post run
 * through `screenPost` in memory in time order (each sees the ones before it, as when they were
 * sent one by one), and the changes written back with set-based statements, all in the caller's
 * transaction.
 *
 * Why this equals one-by-one screening: `screenPost` decides over the same store interface; the
 * range store (rangeStore.ts) answers every question as the PostgreSQL store would after the
 * earlier posts' transactions had committed; and nobody else can change that state meanwhile,
 * because the transaction holds the tenant's script-index lock exclusively (postgresStore.ts
 * `lockScriptIndex`). A single submission of the same creator or script arriving during the range
 * takes that lock shared before its band keys and creator row, so it waits for the range's commit
 * and then sees every post of it, exactly as it would see earlier single submissions. Ranges of
 * one backfill run one after the other (the batch workflow), in the positions' time order.
 *
 * A post whose screening throws fails alone: its transaction would have rolled back and left no
 * trace, so the range is screened again from the snapshot without it.
 */
import type { ContentScreeningParameters } from '../../core/contentScreening.ts';
import type { SqlRunner } from '../../core/sql.ts';
import { createRangeStore, type RangeChanges } from './rangeStore.ts';
import { readRangeSnapshot } from './rangeState.ts';
import { screenPost, type ContentPost, type PostScript, type ScreeningResult } from './screenPost.ts';

export interface RangePost {
  post: ContentPost;
  script: PostScript;
}

export interface ScreenedRange {
  results: Map<string, ScreeningResult>;
  /** posts that could not be screened, with the error */
  failed: Map<string, unknown>;
  changes: RangeChanges;
}

/** Screens `posts` (in time order) against the index as `tx` sees it; writes nothing. */
export async function screenRangeInMemory(
  tx: SqlRunner,
  tenantId: string,
  posts: readonly RangePost[],
  parameters: ContentScreeningParameters,
  { now, heartbeat }: { now: Date; heartbeat: () => void },
): Promise<ScreenedRange> {
  const earliest = Math.min(now.getTime(), ...posts.map(({ post }) => post.postedAt.getTime()));
  const snapshot = await readRangeSnapshot(
    tx,
    tenantId,
    {
      bandKeys: posts.flatMap(({ script }) => script.bandKeys),
      creatorIds: [...new Set(posts.map(({ post }) => post.creatorId))],
      windowStart: new Date(earliest - parameters.coordination.windowDays * 86_400_000),
    },
    now,
  );
  const failed = new Map<string, unknown>();
  for (;;) {
    const store = createRangeStore(snapshot);
    const results = new Map<string, ScreeningResult>();
    let failure: { postId: string; error: unknown } | null = null;
    for (const { post, script } of posts) {
      if (failed.has(post.id)) continue;
      try {
        results.set(post.id, await screenPost(store.forPost(post), post, parameters, script));
      } catch (error) {
        failure = { postId: post.id, error };
        break;
      }
      heartbeat();
    }
    if (!failure) return { results, failed, changes: store.changes() };
    failed.set(failure.postId, failure.error);
  }
}
