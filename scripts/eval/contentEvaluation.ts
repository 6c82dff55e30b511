/**
 * Content screening's detection quality over the labelled streams in fixtures/content-screening/:
 * every post goes through the same `screenPost` as production (over the in-memory store) and the
 * shipped policy, in posting order; precision and recall per signal, per disclosure class, for
 * script clustering (pairs of posts) and for the final verdict.
 */
import { readFileSync } from 'node:fs';
import type { ContentScreeningParameters } from '../../core/contentScreening.ts';
import type { FixtureLine } from '../../fixtures/content-screening/generate.ts';
import { shippedContentPolicy } from '../../workers/activities/contentScreening.ts';
import { screenPost } from '../../workers/contentScreening/screenPost.ts';
import { evaluatePolicy } from '../../workers/policy/policy.ts';
import { createMemoryContentStore } from './contentMemoryStore.ts';
import { precisionRecall } from './proportion.ts';

export type ContentSplit = 'tune' | 'holdout';

export function loadContentSet(split: ContentSplit): FixtureLine[] {
  const text = readFileSync(new URL(`../../fixtures/content-screening/${split}.jsonl`, import.meta.url), 'utf8');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as FixtureLine);
}

export interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** null when nothing was claimed */
  precision: number | null;
  /** null when nothing was there to find */
  recall: number | null;
}

export function score(pairs: Iterable<{ expected: boolean; actual: boolean }>): Score {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (const { expected, actual } of pairs) {
    if (expected && actual) truePositives += 1;
    else if (actual) falsePositives += 1;
    else if (expected) falseNegatives += 1;
  }
  return { truePositives, falsePositives, falseNegatives, ...precisionRecall(truePositives, falsePositives, falseNegatives) };
}

export interface PostOutcome {
  line: FixtureLine;
  codes: string[];
  disclosureClass: string;
  clusterId: string | null;
  verdict: string;
}

export interface ContentReport {
  posts: number;
  creators: number;
  signals: Record<string, Score>;
  disclosureClasses: Record<string, Score>;
  /** pairs of script posts in one cluster vs reading one script */
  clusterPairs: Score;
  /** pairs by variant of the later post (exact, edited, reordered, filler, wrapped): its recall is the figure read */
  pairsByVariant: Record<string, Score>;
  coordinatedCreators: Score;
  uniformPraiseCreators: Score;
  verdicts: Record<string, Score>;
  outcomes: PostOutcome[];
}

/** A post as a labelled set gives it (the API's body), whichever set it comes from. */
export type LabelledPost = FixtureLine['post'];

/**
 * Every post through the same `screenPost` as production, over the in-memory store, in the order
 * given; the verdict the shipped policy gives each, and its cluster as it stands at the end
 * (merges applied).
 */
export async function replayContentPosts(posts: LabelledPost[], parameters = shippedContentPolicy.parameters as unknown as ContentScreeningParameters) {
  const memory = createMemoryContentStore();
  const results: { codes: string[]; disclosureClass: string; clusterId: string | null; verdict: string }[] = [];
  for (const [index, line] of posts.entries()) {
    const post = {
      id: `post-${index}`,
      externalPostId: line.postId,
      creatorId: line.creatorId,
      postedAt: new Date(line.postedAt),
      caption: line.caption,
      transcript: line.transcript ?? null,
      onScreenText: line.onScreenText ?? null,
      hashtags: line.hashtags ?? [],
      promotedListingId: null,
      promotedSellerId: line.promotedSellerId ?? null,
      affiliateLink: line.affiliateLink ?? false,
      platformPaidLabel: line.platformPaidLabel ?? false,
      surface: line.surface,
    };
    const result = await screenPost(memory.store, post, parameters);
    results.push({ codes: result.signals.map((signal) => signal.code), disclosureClass: result.disclosureClass, clusterId: result.clusterId, verdict: evaluatePolicy(shippedContentPolicy, result.signals).outcome });
  }
  for (const [index, result] of results.entries()) result.clusterId = memory.clusterOf(`post-${index}`);
  return results;
}

export async function evaluateContentSet(lines: FixtureLine[], parameters = shippedContentPolicy.parameters as unknown as ContentScreeningParameters): Promise<ContentReport> {
  const replayed = await replayContentPosts(lines.map((line) => line.post), parameters);
  const outcomes: PostOutcome[] = lines.map((line, index) => ({ line, ...replayed[index]! }));

  const signal = (code: string, truth: (line: FixtureLine) => boolean) => score(outcomes.map((outcome) => ({ expected: truth(outcome.line), actual: outcome.codes.includes(code) })));
  const classes = ['clear', 'ambiguous', 'buried', 'missing', 'channel_mismatch', 'not_required'];
  // nothing wrong with the disclosure: clear, or none owed
  const fine = (disclosure: string) => disclosure === 'clear' || disclosure === 'not_required';
  const scripted = outcomes.filter((outcome) => outcome.line.truth.scriptId !== null || outcome.clusterId !== null);
  const pairs: { expected: boolean; actual: boolean; variant: string }[] = [];
  for (let left = 0; left < scripted.length; left += 1) {
    for (let right = left + 1; right < scripted.length; right += 1) {
      const a = scripted[left]!;
      const b = scripted[right]!;
      pairs.push({ expected: a.line.truth.scriptId !== null && a.line.truth.scriptId === b.line.truth.scriptId, actual: a.clusterId !== null && a.clusterId === b.clusterId, variant: b.line.truth.variant ?? 'none' });
    }
  }
  const byVariant = Object.fromEntries(['exact', 'edited', 'reordered', 'filler', 'wrapped'].map((variant) => [variant, score(pairs.filter((pair) => pair.variant === variant))]));

  const byCreator = <T>(pick: (outcome: PostOutcome) => T) => {
    const map = new Map<string, T[]>();
    for (const outcome of outcomes) map.set(outcome.line.post.creatorId, [...(map.get(outcome.line.post.creatorId) ?? []), pick(outcome)]);
    return map;
  };
  const roles = byCreator((outcome) => outcome.line.truth.role);
  const coordinated = byCreator((outcome) => outcome.codes.includes('content.coordinated_group'));
  const praised = byCreator((outcome) => outcome.codes.includes('content.uniform_praise'));

  return {
    posts: lines.length,
    creators: roles.size,
    signals: {
      'content.shared_script': signal('content.shared_script', (line) => line.truth.sharedScript),
      'content.coordinated_group': signal('content.coordinated_group', (line) => line.truth.coordinated),
      'content.cadence_excessive': signal('content.cadence_excessive', (line) => line.truth.cadenceExcessive),
      'content.affiliate_undisclosed': signal('content.affiliate_undisclosed', (line) => line.truth.affiliateUndisclosed),
      'content.disclosure_* (not clear)': score(outcomes.map((outcome) => ({ expected: !fine(outcome.line.truth.disclosure), actual: !fine(outcome.disclosureClass) }))),
    },
    disclosureClasses: Object.fromEntries(classes.map((name) => [name, score(outcomes.map((outcome) => ({ expected: outcome.line.truth.disclosure === name, actual: outcome.disclosureClass === name })))])),
    clusterPairs: score(pairs),
    pairsByVariant: byVariant,
    coordinatedCreators: score([...roles.entries()].map(([creator, list]) => ({ expected: list[0] === 'agency', actual: coordinated.get(creator)!.some(Boolean) }))),
    uniformPraiseCreators: score([...roles.entries()].map(([creator, list]) => ({ expected: list[0] === 'agency' || list[0] === 'script_reader', actual: praised.get(creator)!.some(Boolean) }))),
    verdicts: Object.fromEntries(['escalate', 'label', 'clean'].map((name) => [name, score(outcomes.map((outcome) => ({ expected: outcome.line.truth.verdict === name, actual: outcome.verdict === name })))])),
    outcomes,
  };
}
