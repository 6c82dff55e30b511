/**
 * Same script across creators: the post belongs to a script cluster (posts whose 5-gram shingle
 * sets verified against one of its members: clusterAssignment.ts) that other creators have
 * posted too.
 *
 * Catches: one script read word for word, lightly edited, with sentences reordered, with filler
 * words added or inside a creator's own intro and outro, by several creators; read in other words
 * (synonyms, reordered and dropped sentences: paraphrase.ts). Misses: translations; readings that
 * keep the facts and none of the wording;
 * scripts shorter than `minScriptWords` words (too short to tell a script from a common phrase).
 */
import type { DetectorModule, Signal } from '../../../core/signals.ts';
import type { MatchingExcerpt } from './excerpts.ts';

export { scriptWordsOf } from './normalise.ts';

export interface SharedScriptThresholds {
  /** exact Jaccard of the shingle sets at or above which two posts read one script */
  verifyJaccard: number;
  /** creators (this one included) a cluster needs before it is reported */
  minCreators: number;
  /** posts with fewer normalised words are not matched */
  minScriptWords: number;
}

export interface SharedScriptInput {
  creatorId: string;
  scriptWordCount: number;
  cluster: {
    id: string;
    postCount: number;
    creators: string[];
    firstSeenAt: string;
    lastSeenAt: string;
  } | null;
  /** the most similar post of another creator, with the sentences they share */
  bestMatch: { postId: string; externalPostId: string; creatorId: string; jaccard: number; containment: number; paraphrase?: number; postedAt: string; excerpts: MatchingExcerpt[] } | null;
}

const detector = { id: 'content-shared-script', version: '2' };

export const sharedScriptThresholds: SharedScriptThresholds = { verifyJaccard: 0.28, minCreators: 2, minScriptWords: 12 };

export const sharedScriptDetector: DetectorModule<SharedScriptInput, SharedScriptThresholds> = {
  ...detector,
  description: 'The post reads a script other creators have posted (MinHash LSH candidates, exact Jaccard verified)',
  thresholds: sharedScriptThresholds,
  detect(input, limits = sharedScriptThresholds): Signal[] {
    const { cluster, bestMatch } = input;
    if (!cluster || input.scriptWordCount < limits.minScriptWords) return [];
    const creators = [...new Set([...cluster.creators, input.creatorId])].sort();
    if (creators.length < limits.minCreators || !bestMatch) return [];
    const similarity = Math.max(bestMatch.jaccard, bestMatch.paraphrase ?? 0);
    const inOtherWords = bestMatch.jaccard < limits.verifyJaccard && (bestMatch.paraphrase ?? 0) > bestMatch.jaccard;
    const score = Math.min(1, 0.6 + 0.4 * similarity + 0.02 * (creators.length - limits.minCreators));
    return [
      {
        code: 'content.shared_script',
        severity: 'medium',
        score: Math.round(score * 1000) / 1000,
        summary: `Same script as ${creators.length - 1} other creator(s) (cluster of ${cluster.postCount} posts, ${inOtherWords ? `read in other words: content-word similarity ${(bestMatch.paraphrase ?? 0).toFixed(2)}` : `Jaccard ${bestMatch.jaccard.toFixed(2)}`} with the closest)`,
        evidence: {
          clusterId: cluster.id,
          clusterSize: cluster.postCount,
          creatorCount: creators.length,
          creators: creators.slice(0, 50),
          firstSeenAt: cluster.firstSeenAt,
          lastSeenAt: cluster.lastSeenAt,
          matchedPost: { postId: bestMatch.externalPostId, creatorId: bestMatch.creatorId, postedAt: bestMatch.postedAt, jaccard: bestMatch.jaccard, containment: bestMatch.containment, paraphrase: bestMatch.paraphrase ?? null, inOtherWords },
          excerpts: bestMatch.excerpts.map((excerpt) => ({ post: excerpt.post, match: excerpt.match, similarity: excerpt.similarity })),
          verifyJaccard: limits.verifyJaccard,
        },
        detector,
      },
    ];
  },
};
