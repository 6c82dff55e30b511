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

export interface IndependentPost {
  id: string;
  split: 'tune' | 'holdout';
  kind: string;
  why: string;
  post: LabelledPost;
  truth: { flagged: boolean; reasons: string[] };
}

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
}

export interface IndependentReport {
  split: 'tune' | 'holdout';
  posts: number;
  flagged: Score;
  /** per kind: posts, and how many came out as labelled */
  kinds: Record<string, { posts: number; asLabelled: number }>;
  mistakes: IndependentOutcome[];
}

export async function evaluateIndependentContent(split: 'tune' | 'holdout'): Promise<IndependentReport> {
  // the whole stream in posting order, as it was written to be replayed; only `split` is scored
  const rows = loadIndependentContent().sort((left, right) => left.post.postedAt.localeCompare(right.post.postedAt) || left.id.localeCompare(right.id));
  const replayed = await replayContentPosts(rows.map((row) => row.post));
  const outcomes: IndependentOutcome[] = rows.map((row, index) => ({ row, flagged: replayed[index]!.verdict !== 'clean', verdict: replayed[index]!.verdict, codes: replayed[index]!.codes, disclosureClass: replayed[index]!.disclosureClass }));
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
    mistakes: scored.filter((outcome) => outcome.flagged !== outcome.row.truth.flagged),
  };
}
