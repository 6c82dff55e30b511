/**
 * Content screening on the set nobody here wrote (fixtures/content-screening/independent/): its
 * author had the domain and the API only, never the detectors, and labels each post flagged or
 * not (with reasons, not signals). The set is one stream in posting order, both splits
 * interleaved, and is replayed whole through the same `screenPost` and shipped policy as the
 * team's own streams; a post is flagged when the policy labels or escalates it. Figures are per
 * split: `tune` while changing the detectors, `holdout` once a change is done (each holdout
 * measurement is written down in docs/content-screening.md).
 */
import { readFileSync } from 'node:fs';
import type { LabelledPost } from './contentEvaluation.ts';
import { replayContentPosts, score, type Score } from './contentEvaluation.ts';
import { seededRandom } from '../../fixtures/seededRandom.ts';

export interface IndependentPost {
  id: string;
  split: 'tune' | 'holdout';
  kind: string;
  why: string;
  post: LabelledPost;
  truth: { flagged: boolean; reasons: string[]; scriptGroup?: string | null; language?: string };
}

/** The set as one stream in posting order, as it was written to be replayed. */
const inPostingOrder = () => loadIndependentContent().sort((left, right) => left.post.postedAt.localeCompare(right.post.postedAt) || left.id.localeCompare(right.id));

export function loadIndependentContent(): IndependentPost[] {
  const text = readFileSync(new URL('../../fixtures/content-screening/independent/posts.jsonl', import.meta.url), 'utf8');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as IndependentPost);
}

export interface IndependentOutcome {
  row: IndependentPost;
  flagged: boolean;
  verdict: string;
  codes: string[];
  disclosureClass: string;
  clusterId: string | null;
}

/** Pairs of posts (two creators, both in the split) and whether the index put them in one script cluster. */
export interface ScriptPairs {
  /** reads of one script in one language: found in one cluster, of all */
  sameLanguage: { found: number; total: number };
  /** a read and its translation */
  translated: { found: number; total: number };
  /** pairs the index put in one cluster: of one script, of all */
  clustered: { right: number; total: number };
  /** independent reviews of a script's product that joined a script cluster */
  independentReviewsClustered: { joined: number; total: number };
}

export interface IndependentReport {
  split: 'tune' | 'holdout';
  posts: number;
  flagged: Score;
  /** per kind: posts, and how many came out as labelled */
  kinds: Record<string, { posts: number; asLabelled: number }>;
  scripts: ScriptPairs;
  mistakes: IndependentOutcome[];
}

function scriptPairs(outcomes: readonly IndependentOutcome[]): ScriptPairs {
  const pairs: ScriptPairs = { sameLanguage: { found: 0, total: 0 }, translated: { found: 0, total: 0 }, clustered: { right: 0, total: 0 }, independentReviewsClustered: { joined: 0, total: 0 } };
  for (const [index, left] of outcomes.entries()) {
    for (const right of outcomes.slice(index + 1)) {
      if (left.row.post.creatorId === right.row.post.creatorId) continue;
      const group = left.row.truth.scriptGroup;
      const together = left.clusterId !== null && left.clusterId === right.clusterId;
      const sameScript = !!group && group === right.row.truth.scriptGroup;
      if (sameScript) {
        const count = left.row.truth.language === right.row.truth.language ? pairs.sameLanguage : pairs.translated;
        count.total += 1;
        if (together) count.found += 1;
      }
      if (together) {
        pairs.clustered.total += 1;
        if (sameScript) pairs.clustered.right += 1;
      }
    }
  }
  const reviews = outcomes.filter((outcome) => outcome.row.kind === 'independent_review_same_product');
  const scriptClusters = new Set(outcomes.filter((outcome) => outcome.row.truth.scriptGroup && outcome.clusterId).map((outcome) => outcome.clusterId));
  pairs.independentReviewsClustered = { joined: reviews.filter((outcome) => scriptClusters.has(outcome.clusterId)).length, total: reviews.length };
  return pairs;
}

export async function evaluateIndependentContent(split: 'tune' | 'holdout'): Promise<IndependentReport> {
  // the whole stream, only `split` is scored
  const rows = inPostingOrder();
  const replayed = await replayContentPosts(rows.map((row) => row.post));
  const outcomes: IndependentOutcome[] = rows.map((row, index) => ({ row, flagged: replayed[index]!.verdict !== 'clean', verdict: replayed[index]!.verdict, codes: replayed[index]!.codes, disclosureClass: replayed[index]!.disclosureClass, clusterId: replayed[index]!.clusterId }));
  const scored = outcomes.filter((outcome) => outcome.row.split === split);
  const kinds: IndependentReport['kinds'] = {};
  for (const outcome of scored) {
    const kind = (kinds[outcome.row.kind] ??= { posts: 0, asLabelled: 0 });
    kind.posts += 1;
    if (outcome.flagged === outcome.row.truth.flagged) kind.asLabelled += 1;
  }
  return {
    split,
    posts: scored.length,
    flagged: score(scored.map((outcome) => ({ expected: outcome.row.truth.flagged, actual: outcome.flagged }))),
    kinds,
    scripts: scriptPairs(scored),
    mistakes: scored.filter((outcome) => outcome.flagged !== outcome.row.truth.flagged),
  };
}

/** Reads edited at random, found with their script. */
export interface RandomisedReads {
  rate: number;
  /** edited reads put in their script's cluster, of all */
  found: number;
  reads: number;
  /** edited reads put in a cluster of another script or of posts of no script */
  wrong: number;
}

/**
 * Every read of a script in the split (in the script's own language), edited at random as a
 * creator reading it in their own words would: `rate` of its words replaced by words of other
 * posts in the set, or dropped, or joined by one, and its sentences shuffled; then posted by a
 * new creator after the whole stream, for the same seller. Found when it shares a cluster with
 * other reads of its script only (the originals or other edited reads); wrong when its cluster
 * holds a post of another script or of none. Edits are drawn from a fixed seed, not chosen.
 */
export async function randomisedReads(split: 'tune' | 'holdout', rates: readonly number[] = [0.1, 0.2, 0.3]): Promise<RandomisedReads[]> {
  const rows = inPostingOrder();
  const vocabulary = [...new Set(rows.flatMap((row) => `${row.post.caption} ${row.post.transcript ?? ''}`.split(/\s+/)).filter((word) => /^\p{L}{3,}$/u.test(word)))];
  const reads = rows.filter((row) => row.split === split && row.kind === 'scripted_read' && row.truth.scriptGroup);
  const last = Date.parse(rows.at(-1)!.post.postedAt);
  const results: RandomisedReads[] = [];
  for (const rate of rates) {
    const random = seededRandom(Math.round(rate * 1000) + 7);
    const edited = reads.map((row, index): LabelledPost => {
      const sentences = random.shuffle((row.post.transcript ?? row.post.caption).split(/(?<=[.!?])\s+/).filter(Boolean));
      const words = sentences.join(' ').split(/\s+/);
      const changes = Math.round(words.length * rate);
      for (let change = 0; change < changes; change += 1) {
        const position = random.below(words.length);
        const kind = random.next();
        if (kind < 0.6) words[position] = random.pick(vocabulary);
        else if (kind < 0.8) words.splice(position, 0, random.pick(vocabulary));
        else words.splice(position, 1);
      }
      const text = words.join(' ');
      return { ...row.post, postId: `edited-${index}`, creatorId: `edited-reader-${index}`, postedAt: new Date(last + (index + 1) * 3_600_000).toISOString(), ...(row.post.transcript ? { transcript: text } : { caption: text }) };
    });
    const replayed = await replayContentPosts([...rows.map((row) => row.post), ...edited]);
    // what each cluster holds: how many posts, and the script of each (null: a post of no script)
    const held = new Map<string, { posts: number; scripts: Set<string | null> }>();
    [...rows.map((row) => row.truth.scriptGroup ?? null), ...reads.map((row) => row.truth.scriptGroup!)].forEach((group, index) => {
      const cluster = replayed[index]!.clusterId;
      if (cluster === null) return;
      const contents = held.get(cluster) ?? held.set(cluster, { posts: 0, scripts: new Set() }).get(cluster)!;
      contents.posts += 1;
      contents.scripts.add(group);
    });
    let found = 0;
    let wrong = 0;
    reads.forEach((row, index) => {
      const cluster = replayed[rows.length + index]!.clusterId;
      const contents = cluster === null ? undefined : held.get(cluster);
      if (!contents || contents.posts < 2) return;
      if ([...contents.scripts].some((group) => group !== row.truth.scriptGroup)) wrong += 1;
      else found += 1;
    });
    results.push({ rate, found, reads: reads.length, wrong });
  }
  return results;
}
