/**
 * Screening one promotional post: every content detector, in the order their state needs, over a
 * store that keeps the script index, the clusters and the creators' state. The store runs the
 * stateful part in one transaction that holds a lock per LSH band key of the post and one on the
 * creator, so posts of one script arriving at once are clustered one after the other (the second
 * sees the first) and a creator's cadence never loses a post. PostgreSQL in production
 * (postgresStore.ts), memory in the evaluation (scripts/eval/contentMemoryStore.ts): the same code
 * decides in both.
 */
import type { ContentScreeningParameters } from '../../core/contentScreening.ts';
import type { Signal } from '../../core/signals.ts';
import { cadenceDetector, emptyCadenceState, recordPost, type CadenceState } from '../detectors/contentCadence/index.ts';
import { coordinationDetector, type ScriptPosting } from '../detectors/contentCoordination/index.ts';
import { disclosureDetector, type Surface } from '../detectors/contentDisclosure/index.ts';
import { addToWeek, praiseFigures, uniformPraiseDetector, type PraiseWeek } from '../detectors/contentPraise/index.ts';
import { assignCluster, type ClusterAssignment, type ClusterCandidate } from '../detectors/contentScript/clusterAssignment.ts';
import { matchingExcerpts } from '../detectors/contentScript/excerpts.ts';
import { sharedScriptDetector } from '../detectors/contentScript/index.ts';
import { bandKeys, minhashSignature, PARAPHRASE_FIRST_BAND, PARAPHRASE_PERMUTATIONS, shinglesOf } from '../detectors/contentScript/minhash.ts';
import { paraphraseOf, type Paraphrase } from '../detectors/contentScript/paraphrase.ts';
import { scriptWordsOf } from '../detectors/contentScript/normalise.ts';

export interface ContentPost {
  /** our id of the screening (one per post) */
  id: string;
  externalPostId: string;
  creatorId: string;
  postedAt: Date;
  caption: string;
  transcript: string | null;
  onScreenText: string | null;
  hashtags: string[];
  promotedListingId: string | null;
  promotedSellerId: string | null;
  affiliateLink: boolean;
  platformPaidLabel: boolean;
  surface: Surface;
}

export interface StoredCandidate extends ClusterCandidate {
  externalPostId: string;
  postedAt: Date;
  /** caption, transcript and on-screen text, for the excerpts */
  text: string;
}

export interface ClusterSummary {
  id: string;
  postCount: number;
  creators: string[];
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface CreatorState {
  cadence: CadenceState;
  praiseWeek: PraiseWeek | null;
}

export interface ScriptIndexTransaction {
  /** posts sharing at least one band key, those sharing most first, at most `limit` */
  candidates(bandKeys: readonly string[], limit: number): Promise<StoredCandidate[]>;
  /** stores the post's script (index, cluster, merges) and gives its cluster, or null when it has no script */
  savePost(record: { post: ContentPost; shingles: readonly number[]; paraphrase: Paraphrase; bandKeys: readonly string[]; assignment: ClusterAssignment | null }): Promise<ClusterSummary | null>;
  creator(creatorId: string): Promise<CreatorState | null>;
  saveCreator(creatorId: string, state: CreatorState): Promise<void>;
  /** postings since `since` of the scripts the creator posted since then (at most `maxScripts` scripts) */
  scriptPostings(creatorId: string, since: Date, maxScripts: number): Promise<ScriptPosting[]>;
  /** stores the outcome in the same transaction (a retry finds it and changes nothing) */
  recordResult(result: ScreeningResult): Promise<void>;
}

export interface ContentScreeningStore {
  transaction<T>(scope: { bandKeys: readonly string[]; creatorId: string }, work: (tx: ScriptIndexTransaction) => Promise<T>): Promise<T>;
}

export interface ScreeningResult {
  signals: Signal[];
  clusterId: string | null;
  disclosureClass: string;
}

const textOf = (post: { caption: string; transcript?: string | null; onScreenText?: string | null }) => [post.caption, post.transcript ?? '', post.onScreenText ?? ''].filter(Boolean).join('\n');

/**
 * What a post's script is to the index: its words, shingles, paraphrase features and LSH band keys
 * (the shingles', and the features' when the post promotes a seller; none when it is too short to
 * be a script).
 */
export interface PostScript {
  words: string[];
  shingles: number[];
  paraphrase: Paraphrase;
  hasScript: boolean;
  bandKeys: string[];
}

export function scriptOf(post: ContentPost, parameters: ContentScreeningParameters): PostScript {
  const words = scriptWordsOf(post);
  const shingles = shinglesOf(words);
  const paraphrase = paraphraseOf(words);
  const hasScript = words.length >= parameters.script.minScriptWords;
  if (!hasScript) return { words, shingles, paraphrase, hasScript, bandKeys: [] };
  // the paraphrase bands are the promoted seller's own: a reading in other words counts only for the same seller
  const paraphraseKeys = post.promotedSellerId ? bandKeys(minhashSignature(paraphrase.features, PARAPHRASE_PERMUTATIONS), PARAPHRASE_FIRST_BAND, post.promotedSellerId) : [];
  return { words, shingles, paraphrase, hasScript, bandKeys: [...bandKeys(minhashSignature(shingles)), ...paraphraseKeys] };
}

/** `script` may be given when the caller computed it already (a backfill range needs every post's keys before it reads). */
export async function screenPost(store: ContentScreeningStore, post: ContentPost, parameters: ContentScreeningParameters, script: PostScript = scriptOf(post, parameters)): Promise<ScreeningResult> {
  const { words, shingles, paraphrase, hasScript, bandKeys: keys } = script;
  let disclosure = disclosureDetector.detect(post, parameters.disclosure);
  let disclosureClass = String(disclosure[0]!.evidence.class);

  return await store.transaction({ bandKeys: keys, creatorId: post.creatorId }, async (tx) => {
    const signals: Signal[] = [];
    const candidates = hasScript ? await tx.candidates(keys, parameters.script.maxCandidates) : [];
    const assignment = hasScript ? assignCluster(shingles, candidates, parameters.script, { paraphrase, promotedSellerId: post.promotedSellerId }) : null;
    const cluster = await tx.savePost({ post, shingles, paraphrase, bandKeys: keys, assignment });
    const other = assignment?.matches.find((match) => match.creatorId !== post.creatorId);
    const matched = other ? candidates.find((candidate) => candidate.postId === other.postId) : undefined;
    signals.push(
      ...sharedScriptDetector.detect(
        {
          creatorId: post.creatorId,
          scriptWordCount: words.length,
          cluster,
          bestMatch: other && matched ? { postId: matched.postId, externalPostId: matched.externalPostId, creatorId: matched.creatorId, jaccard: other.jaccard, containment: other.containment, paraphrase: other.paraphrase, postedAt: matched.postedAt.toISOString(), excerpts: matchingExcerpts(textOf(post), matched.text) } : null,
        },
        { verifyJaccard: parameters.script.verifyJaccard, minCreators: parameters.script.minCreators, minScriptWords: parameters.script.minScriptWords },
      ),
    );

    // a script other creators read is a campaign's brief: a material connection, so a disclosure is owed
    if (disclosureClass === 'not_required' && signals.some((signal) => signal.code === 'content.shared_script')) {
      disclosure = disclosureDetector.detect({ ...post, sharedScript: true }, parameters.disclosure);
      disclosureClass = String(disclosure[0]!.evidence.class);
    }
    signals.unshift(...disclosure);

    const stored = (await tx.creator(post.creatorId)) ?? { cadence: emptyCadenceState(), praiseWeek: null };
    const cadence = recordPost(stored.cadence, post.postedAt, disclosureClass === 'clear');
    signals.push(...cadenceDetector.detect({ state: cadence.state, postedAt: post.postedAt, countOnDay: cadence.countOnDay }, parameters.cadence));
    const praiseWeek = addToWeek(stored.praiseWeek, post.postedAt, praiseFigures(textOf(post)));
    signals.push(...uniformPraiseDetector.detect({ week: praiseWeek }, parameters.praise));
    await tx.saveCreator(post.creatorId, { cadence: cadence.state, praiseWeek });

    if (cluster) {
      // The window ends at the post (a backfill screens old posts against their own time).
      const windowStart = new Date(post.postedAt.getTime() - parameters.coordination.windowDays * 86_400_000);
      const postings = await tx.scriptPostings(post.creatorId, windowStart, parameters.coordination.maxScripts);
      signals.push(...coordinationDetector.detect({ creatorId: post.creatorId, postings, now: post.postedAt.toISOString() }, parameters.coordination));
    }
    const result = { signals, clusterId: cluster?.id ?? null, disclosureClass };
    await tx.recordResult(result);
    return result;
  });
}
