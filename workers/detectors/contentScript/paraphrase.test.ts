import { describe, expect, it } from 'vitest';
import { assignCluster } from './clusterAssignment.ts';
import { exactJaccard, shinglesOf } from './minhash.ts';
import { scriptWordsOf } from './normalise.ts';
import { paraphraseOf } from './paraphrase.ts';

// one brief, a reading in the creator's own words (synonyms, a sentence moved, one dropped, one added)
const script =
  'This hydrating serum changed my skin in two weeks. It absorbs fast, leaves no sticky film and layers under makeup. ' +
  'The glass dropper keeps it fresh and one bottle lasts three months. Tap the link in my bio for twenty percent off.';
const inOtherWords =
  'One bottle of this serum lasts about three months and the glass dropper keeps it fresh. ' +
  'Two weeks in and this hydrating serum changed my skin completely. It absorbs quickly, leaves no sticky film and sits fine under foundation. ' +
  'I am obsessed.';
// the same product reviewed by someone who was not handed the brief
const independent =
  'Bought this serum with my own money after seeing it everywhere. My skin is oily and it broke me out around the chin by day five. ' +
  'The dropper is nice and it smells of nothing. Probably fine for dry skin, not for me, returning it.';

const features = (text: string) => paraphraseOf(scriptWordsOf({ caption: text })).features;
const shingles = (text: string) => shinglesOf(scriptWordsOf({ caption: text }));
const rule = { verifyJaccard: 0.28, verifyContainment: 0.6, minContainedShingles: 20, verifyParaphrase: 0.35 };
const candidate = (text: string, promotedSellerId: string | null) => ({
  postId: 'p1',
  clusterId: 'c1',
  clusterCreatedAt: new Date('2026-01-01'),
  creatorId: 'reader-1',
  shingles: shingles(text),
  paraphrase: () => ({ features: features(text) }),
  promotedSellerId,
});

describe('paraphrase features', () => {
  it('keep most of a reading in other words, where word 5-grams keep almost none', () => {
    expect(exactJaccard(shingles(script), shingles(inOtherWords))).toBeLessThan(0.1);
    expect(exactJaccard(features(script), features(inOtherWords))).toBeGreaterThanOrEqual(0.35);
  });

  it('keep little of an independent review of the same product', () => {
    expect(exactJaccard(features(script), features(independent))).toBeLessThan(0.2);
  });

  it('read inflections as one word and leave function words out', () => {
    expect(paraphraseOf(['the', 'serum', 'is', 'hydrating']).features).toEqual(paraphraseOf(['serum', 'hydrated']).features);
  });
});

describe('a script read in other words', () => {
  const post = (text: string, promotedSellerId: string | null) => ({ paraphrase: { features: features(text) }, promotedSellerId });

  it('joins the cluster of a reading for the same seller, with the similarity in the match', () => {
    const assigned = assignCluster(shingles(inOtherWords), [candidate(script, 'lumen-skin')], rule, post(inOtherWords, 'lumen-skin'));
    expect(assigned.clusterId).toBe('c1');
    expect(assigned.matches[0]!.paraphrase).toBeGreaterThanOrEqual(0.35);
    expect(assigned.matches[0]!.jaccard).toBeLessThan(0.28);
  });

  it('stays apart from a reading for another seller, from a post that promotes none, and from an independent review', () => {
    expect(assignCluster(shingles(inOtherWords), [candidate(script, 'another-shop')], rule, post(inOtherWords, 'lumen-skin')).clusterId).toBeNull();
    expect(assignCluster(shingles(inOtherWords), [candidate(script, null)], rule, post(inOtherWords, null)).clusterId).toBeNull();
    expect(assignCluster(shingles(independent), [candidate(script, 'lumen-skin')], rule, post(independent, 'lumen-skin')).clusterId).toBeNull();
  });
});
