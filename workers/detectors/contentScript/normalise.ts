/**
 * Script text as the matcher compares it: what a creator says and shows, stripped of what differs
 * between two readings of one script. Case, accents, punctuation, emoji, hashtags, mentions,
 * links and filler words go; numbers become one token (prices and discount codes change between
 * readings, the sentence around them does not).
 *
 * Misses: a script translated into another language, or paraphrased sentence by sentence (the
 * words change, so the shingles do); fillers are removed by a fixed list per language, so a filler
 * not on the list stays and counts as a changed word.
 */

/** Filler words and phrases in English, Spanish, French, German and Portuguese (lower case, no accents). */
export const FILLER_PHRASES: readonly string[] = [
  // English (and what creators type for them: "ngl", "tbh", "lowkey")
  'you know', 'i mean', 'kind of', 'sort of', 'um', 'umm', 'uh', 'uhh', 'erm', 'er', 'ah', 'oh', 'like', 'literally', 'basically',
  'actually', 'honestly', 'seriously', 'totally', 'so', 'okay', 'ok', 'guys', 'omg', 'lol', 'wow', 'yeah', 'hey', 'well', 'just', 'really', 'super',
  'anyway', 'anyways', 'alright', 'kinda', 'sorta', 'hmm', 'mhm', 'yep', 'yup', 'ngl', 'tbh', 'lowkey', 'i guess', 'you guys',
  // Spanish
  'o sea', 'pues', 'bueno', 'este', 'eh', 'vale', 'tipo', 'chicos', 'chicas', 'en plan', 'osea', 'mira', 'oye', 'a ver', 'digamos', 'en serio',
  // French
  'euh', 'ben', 'bah', 'genre', 'du coup', 'en fait', 'voila', 'quoi', 'alors', 'bref', 'hein', 'tu vois', 'enfin bref',
  // German
  'aehm', 'ahm', 'aeh', 'halt', 'also', 'eben', 'irgendwie', 'leute', 'sozusagen', 'naja', 'quasi', 'oder so',
  // Portuguese
  'tipo assim', 'ne', 'entao', 'gente', 'tipo', 'sabe', 'olha', 'enfim', 'cara', 'mano',
];

const fillerSingles = new Set(FILLER_PHRASES.filter((phrase) => !phrase.includes(' ')));
const fillerPairs = new Set(FILLER_PHRASES.filter((phrase) => phrase.split(' ').length === 2));

/** The placeholder every number becomes. */
export const NUMBER_TOKEN = '0';

const URL_PATTERN = /\b(?:https?:\/\/|www\.)\S+/giu;
const TAG_OR_MENTION = /[#@][\p{L}\p{N}_]+/gu;
// German umlauts are written ae/oe/ue when typed without them; fold both spellings together.
const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** Lower case, umlauts folded, accents removed (compatibility forms too: full-width letters, ligatures). */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[äöüß]/gu, (letter) => UMLAUTS[letter]!)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
}

/** Words of a text with links, hashtags, mentions, emoji and punctuation removed (fillers kept). */
export function wordsOf(text: string): string[] {
  // Numbers first, so that 49.99 or 1,000 is one number and not two.
  const folded = foldText(text.replace(URL_PATTERN, ' ').replace(TAG_OR_MENTION, ' ')).replace(/\p{N}+(?:[.,]\p{N}+)*/gu, ' 0 ');
  // Anything that is not a letter or a digit separates words: punctuation, emoji, symbols.
  const raw = folded.split(/[^\p{L}\p{N}']+/u);
  const words: string[] = [];
  for (const token of raw) {
    const word = token.replace(/^'+|'+$/g, '').replace(/'/g, '');
    if (!word) continue;
    words.push(word);
  }
  return words;
}

/** Script words: `wordsOf` without filler words or phrases, repeated number tokens collapsed. */
export function normaliseScript(text: string): string[] {
  const words = wordsOf(text);
  const kept: string[] = [];
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index]!;
    const next = words[index + 1];
    if (next !== undefined && fillerPairs.has(`${word} ${next}`)) {
      index += 1;
      continue;
    }
    if (fillerSingles.has(word)) continue;
    if (word === NUMBER_TOKEN && kept.at(-1) === NUMBER_TOKEN) continue;
    kept.push(word);
  }
  return kept;
}

/**
 * The script of a post: what is said when enough is said (a video's transcript, with its on-screen
 * text), otherwise the caption with the on-screen text. A video's caption is the creator's own
 * line ("my thoughts 🔥") and would only dilute the comparison of two readings of one script.
 */
export function scriptWordsOf(post: { caption: string; transcript?: string | null; onScreenText?: string | null }, minSpokenWords = 12): string[] {
  const spoken = post.transcript ? normaliseScript([post.transcript, post.onScreenText ?? ''].join('\n')) : [];
  if (spoken.length >= minSpokenWords) return spoken;
  return normaliseScript([post.caption, post.transcript ?? '', post.onScreenText ?? ''].join('\n'));
}
