/**
 * Which script cluster a new post joins, given the candidates LSH found: every candidate is
 * verified by the exact Jaccard of the shingle sets (MinHash only proposes). The post joins the
 * oldest cluster among the verified matches; when it matches posts of several clusters it bridges
 * them, and the younger clusters merge into the oldest (whose id stays, so ids are stable).
 */
import { exactJaccard } from './minhash.ts';

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
}

export interface ClusterAssignment {
  /** the cluster the post joins, or null for a new cluster of its own */
  clusterId: string | null;
  /** younger clusters to merge into `clusterId` */
  mergedClusterIds: string[];
  /** verified matches, most similar first */
  matches: VerifiedMatch[];
}

export function assignCluster(shingles: readonly number[], candidates: readonly ClusterCandidate[], verifyJaccard: number): ClusterAssignment {
  const matches: (VerifiedMatch & { clusterCreatedAt: Date })[] = [];
  for (const candidate of candidates) {
    const jaccard = exactJaccard(shingles, candidate.shingles);
    if (jaccard >= verifyJaccard) {
      matches.push({ postId: candidate.postId, clusterId: candidate.clusterId, creatorId: candidate.creatorId, jaccard: Math.round(jaccard * 1000) / 1000, clusterCreatedAt: candidate.clusterCreatedAt });
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
