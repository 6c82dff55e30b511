/**
 * Which script cluster a new post joins, given the candidates LSH found: every candidate is
 * verified on the exact shingle sets (MinHash only proposes): a Jaccard at or above
 * `verifyJaccard`, or, for a script read inside a longer text (a creator's own intro and outro
 * around it), most of the shorter text's shingles found in the longer one (`verifyContainment`,
 * when the shorter has at least `minContainedShingles`, so a common phrase never qualifies). The post joins the
 * oldest cluster among the verified matches; when it matches posts of several clusters it bridges
 * them, and the younger clusters merge into the oldest (whose id stays, so ids are stable).
 */
import { containment, exactJaccard } from './minhash.ts';

export interface ClusterCandidate {
  postId: string;
  clusterId: string;
  /** when the candidate's cluster was created (the oldest cluster keeps its id on a merge) */
  clusterCreatedAt: Date;
  creatorId: string;
  shingles: readonly number[];
}

export interface VerifiedMatch {
  postId: string;
  clusterId: string;
  creatorId: string;
  jaccard: number;
  /** shared shingles over the smaller set's */
  containment: number;
}

export interface ScriptMatchRule {
  verifyJaccard: number;
  verifyContainment: number;
  minContainedShingles: number;
}

export interface ClusterAssignment {
  /** the cluster the post joins, or null for a new cluster of its own */
  clusterId: string | null;
  /** younger clusters to merge into `clusterId` */
  mergedClusterIds: string[];
  /** verified matches, most similar first */
  matches: VerifiedMatch[];
}

export function assignCluster(shingles: readonly number[], candidates: readonly ClusterCandidate[], rule: ScriptMatchRule): ClusterAssignment {
  const matches: (VerifiedMatch & { clusterCreatedAt: Date })[] = [];
  for (const candidate of candidates) {
    const jaccard = exactJaccard(shingles, candidate.shingles);
    const contained = containment(shingles, candidate.shingles);
    const smaller = Math.min(shingles.length, candidate.shingles.length);
    if (jaccard >= rule.verifyJaccard || (smaller >= rule.minContainedShingles && contained.containment >= rule.verifyContainment)) {
      matches.push({
        postId: candidate.postId,
        clusterId: candidate.clusterId,
        creatorId: candidate.creatorId,
        jaccard: Math.round(jaccard * 1000) / 1000,
        containment: Math.round(contained.containment * 1000) / 1000,
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
