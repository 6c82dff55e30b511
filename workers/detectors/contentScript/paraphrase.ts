/**
 * A script read in other words: the features two readings keep when a creator swaps synonyms,
 * reorders sentences, drops one or adds their own. Word 5-grams (minhash.ts) break at every
 * changed word, so a reading with a third of its words changed keeps almost none of them; the
 * content words of a script (its nouns, verbs and adjectives, stemmed: "hydrating", "hydrated" and
 * "hydrates" are one) and the pairs of content words that follow one another keep most. Their
 * Jaccard similarity separates readings of one script from posts written independently about the
 * same product (measured on the independent set's tune split: readings 0.39 and up in nine pairs
 * of ten, independent posts on a script's product 0.19 at most; docs/content-screening.md).
 *
 * Libraries: `stopword`'s lists (the function words of each language the normaliser knows) and
 * `stemmer` (Porter's English stemmer; other languages' words pass through it almost unchanged,
 * which is consistent between two readings in one language).
 *
 * Misses: translations (two languages share no content words), and readings that keep the
 * script's facts but none of its wording.
 */
import { deu, eng, fra, ita, por, spa } from 'stopword';
import { stemmer } from 'stemmer';
import { hashString } from './minhash.ts';
import { scriptWordsOf } from './normalise.ts';

/**
 * The function words of the languages the normaliser folds (normalise.ts): lower case, accents
 * removed. A Set: the package's own `removeStopwords` scans its list for every word.
 */
const STOPWORDS: ReadonlySet<string> = new Set(
  [...eng, ...spa, ...fra, ...deu, ...por, ...ita].map((word) =>
    word
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/'/g, ''),
  ),
);

/** Content words of a normalised script (normaliseScript's words), stemmed. */
export function contentWordsOf(words: readonly string[]): string[] {
  const content: string[] = [];
  for (const word of words) if (word.length > 1 && !STOPWORDS.has(word)) content.push(stemmer(word));
  return content;
}

/** A script as the paraphrase check reads it. */
export interface Paraphrase {
  /** sorted, distinct 32-bit hashes of its content words and of each pair of them in a row */
  features: readonly number[];
}

/** The paraphrase features of a normalised script (normaliseScript's words). */
export function paraphraseOf(words: readonly string[]): Paraphrase {
  const content = contentWordsOf(words);
  const hashes = new Set<number>();
  for (let index = 0; index < content.length; index += 1) {
    hashes.add(hashString(`w ${content[index]!}`));
    if (index + 1 < content.length) hashes.add(hashString(`p ${content[index]!} ${content[index + 1]!}`));
  }
  return { features: [...hashes].sort((left, right) => left - right) };
}

/** A stored post's paraphrase, from its text as `scriptWordsOf` reads it, worked out once and when first asked. */
export function storedParaphrase(post: { caption: string; transcript?: string | null; onScreenText?: string | null }): () => Paraphrase {
  let paraphrase: Paraphrase | undefined;
  return () => (paraphrase ??= paraphraseOf(scriptWordsOf(post)));
}
