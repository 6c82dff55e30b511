/**
 * The passages two readings of one script share, side by side, as the creators wrote or said them:
 * each sentence of the screened post beside the most similar sentence of the matched post (by
 * normalised words, so an edit, a filler or a reordering shows as it is), best pairs first. What a
 * moderator reads to see that it is one script.
 */
import { normaliseScript } from './normalise.ts';

export interface MatchingExcerpt {
  /** a sentence of the post being screened, as given */
  post: string;
  /** the matched post's most similar sentence, as given */
  match: string;
  /** share of normalised words the two sentences have in common (Jaccard of word sets), 0..1 */
  similarity: number;
}

/** Long sentences are cut for display; the comparison uses all of them. */
export const MAX_EXCERPT_CHARS = 240;
const MIN_SIMILARITY = 0.5;

function sentencesOf(text: string): { text: string; words: Set<string> }[] {
  return text
    .split(/(?<=[.!?¡¿…])\s+|\n+/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0)
    .map((sentence) => ({ text: sentence.length > MAX_EXCERPT_CHARS ? `${sentence.slice(0, MAX_EXCERPT_CHARS - 1)}…` : sentence, words: new Set(normaliseScript(sentence)) }))
    .filter((sentence) => sentence.words.size >= 3);
}

function wordJaccard(left: Set<string>, right: Set<string>): number {
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return shared / (left.size + right.size - shared);
}

export function matchingExcerpts(postText: string, matchText: string, limit = 3): MatchingExcerpt[] {
  const matchSentences = sentencesOf(matchText);
  const pairs: MatchingExcerpt[] = [];
  for (const sentence of sentencesOf(postText)) {
    let best: { text: string; similarity: number } | null = null;
    for (const candidate of matchSentences) {
      const similarity = wordJaccard(sentence.words, candidate.words);
      if (!best || similarity > best.similarity) best = { text: candidate.text, similarity };
    }
    if (best && best.similarity >= MIN_SIMILARITY) pairs.push({ post: sentence.text, match: best.text, similarity: Math.round(best.similarity * 100) / 100 });
  }
  return pairs.sort((left, right) => right.similarity - left.similarity).slice(0, limit);
}
