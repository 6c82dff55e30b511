/**
 * Which script cluster a new post joins, given the candidates LSH found: every candidate is
 * verified on the exact shingle sets (MinHash only proposes): a Jaccard at or above
 * `verifyJaccard`, or, for a script read inside a longer text (a creator's own intro and outro
 * around it), most of the shorter text's shingles found in the longer one (`verifyContainment`,
 * when the shorter has at least `minContainedShingles`, so a common phrase never qualifies). The post joins the
 * oldest cluster among the verified matches; when it matches posts of several clusters it bridges
 * them, and the younger clusters merge into the oldest (whose id stays, so ids are stable).
 * A reading in other words (synonyms, reordered or dropped sentences) is verified on the
 * paraphrase features instead (paraphrase.ts): their Jaccard at or above `verifyParaphrase`, and
 * only between posts that promote the same seller (a campaign's script is one seller's; posts of
 * stock phrases about different goods are not one script). Word order is not asked for: readers
 * reorder a script's sentences, and an order measure (the longest common subsequence of content
 * words, tried) lost most reads edited at 20-30% with their sentences shuffled.
 */
import { containment, exactJaccard } from './minhash.ts';
import type { Paraphrase } from './paraphrase.ts';

/** `verifyParaphrase` when a policy's parameters predate it. */
export const DEFAULT_VERIFY_PARAPHRASE = 0.35;

export interface ClusterCandidate {
  postId: string;
  clusterId: string;
  /** when the candidate's cluster was created (the oldest cluster keeps its id on a merge) */
  clusterCreatedAt: Date;
  creatorId: string;
  shingles: readonly number[];
  /**
   * its paraphrase features (paraphrase.ts), worked out from its stored text when first asked:
   * only candidates that promote the new post's seller are asked
   */
  paraphrase?: () => Paraphrase;
  /** the seller it promotes: a reading in other words counts only for the same seller */
  promotedSellerId?: string | null;
}

export interface VerifiedMatch {
  postId: string;
  clusterId: string;
  creatorId: string;
  jaccard: number;
  /** shared shingles over the smaller set's */
  containment: number;
  /** Jaccard of the paraphrase features */
  paraphrase: number;
}

export interface ScriptMatchRule {
  verifyJaccard: number;
  verifyContainment: number;
  minContainedShingles: number;
  /** Jaccard of the paraphrase features at or above which two posts read one script in other words */
  verifyParaphrase?: number;
}

export interface ClusterAssignment {
  /** the cluster the post joins, or null for a new cluster of its own */
  clusterId: string | null;
  /** younger clusters to merge into `clusterId` */
  mergedClusterIds: string[];
  /** verified matches, most similar first */
  matches: VerifiedMatch[];
}

/** The new post as the paraphrase check reads it: its paraphrase and the seller it promotes. */
export interface PostInOtherWords {
  paraphrase: Paraphrase;
  promotedSellerId: string | null;
}

export function assignCluster(shingles: readonly number[], candidates: readonly ClusterCandidate[], rule: ScriptMatchRule, post?: PostInOtherWords): ClusterAssignment {
  const matches: (VerifiedMatch & { clusterCreatedAt: Date })[] = [];
  for (const candidate of candidates) {
    const jaccard = exactJaccard(shingles, candidate.shingles);
    const contained = containment(shingles, candidate.shingles);
    const smaller = Math.min(shingles.length, candidate.shingles.length);
    // a campaign's script promotes one seller: in other words, only readings for the same seller count
    const comparable = post?.promotedSellerId && candidate.paraphrase && candidate.promotedSellerId === post.promotedSellerId;
    const similar = comparable ? exactJaccard(post.paraphrase.features, candidate.paraphrase!().features) : 0;
    const inOtherWords = comparable && similar >= (rule.verifyParaphrase ?? DEFAULT_VERIFY_PARAPHRASE);
    if (jaccard >= rule.verifyJaccard || (smaller >= rule.minContainedShingles && contained.containment >= rule.verifyContainment) || inOtherWords) {
      matches.push({
        postId: candidate.postId,
        clusterId: candidate.clusterId,
        creatorId: candidate.creatorId,
        jaccard: Math.round(jaccard * 1000) / 1000,
        containment: Math.round(contained.containment * 1000) / 1000,
        paraphrase: Math.round(similar * 1000) / 1000,
        clusterCreatedAt: candidate.clusterCreatedAt,
      });
    }
  }
  if (matches.length === 0) return { clusterId: null, mergedClusterIds: [], matches: [] };
  const clusters = new Map<string, Date>();
  for (const match of matches) clusters.set(match.clusterId, match.clusterCreatedAt);
  const ordered = [...clusters.entries()].sort((left, right) => left[1].getTime() - right[1].getTime() || left[0].localeCompare(right[0]));
  return {
    clusterId: ordered[0]![0],
    mergedClusterIds: ordered.slice(1).map(([id]) => id),
    matches: matches.sort((left, right) => right.jaccard - left.jaccard).map(({ clusterCreatedAt: _created, ...match }) => match),
  };
}
