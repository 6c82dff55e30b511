/**
 * Whether an ambiguous mention means the brand. A brand named by an everyday word ("Apple",
 * "Coach", "Gap", "Dove") or by initials ("GG", "LV", "CC") is read as the brand only when the
 * listing says so some other way: the brand is claimed, the listing's category is the brand's,
 * the brand is also named another way (another name or alias, or disguised), the brand's goods
 * are named in the title or near the mention ("Coach tote", "Apple laptop"), or, for initials, a
 * monogram word stands beside them ("GG pattern", "LV canvas", "CC logo", "LV-style").
 *
 * Catches: "Apple cider vinegar", "Gap year planner", "Coach bus model", "Dove-grey scarf",
 * "GG gaming mouse pad", "CC cream" read in their everyday sense. Misses: an everyday sense
 * beside the brand's own goods ("Mind the Gap socks" for a clothing brand); the brand named only
 * by an everyday word and a model the catalog does not list ("Coach 1941 Rogue 25"); everyday
 * words outside the 30,000 most common English words ("baguette", "tabby") are not asked for
 * context at all.
 */
import type { BrandEntry } from '../../../core/listingScreening.ts';
import { categoryWords, sameCategory, singular } from './categoryWords.ts';

/** `model`: a well-known model of the brand (wellKnownModels.ts), read like an alias */
export type TermKind = 'name' | 'alias' | 'initials' | 'model';

/** What the sense check reads of a mention (a BrandMention has all of it). */
export interface SensedMention {
  brandKey: string;
  field: string;
  foldedStart: number;
  foldedEnd: number;
  disguises: readonly string[];
  term: TermKind;
  termLetters: string;
  ambiguous: boolean;
  brandSense: boolean;
  senseEvidence: string | null;
}

export interface SenseContext {
  /** the listing's declared category */
  category?: string | null;
  /** the catalog key of the brand the listing claims */
  claimedBrandKey?: string;
}

/** Words that stand beside a monogram. */
const MONOGRAM_WORDS = new Set(
  ['pattern', 'monogram', 'logo', 'print', 'canvas', 'motif', 'emblem', 'buckle', 'clasp', 'hardware', 'jacquard', 'signature', 'interlocking', 'embossed', 'engraved', 'plaque', 'style', 'styled', 'inspired', 'look', 'type'].map(singular),
);
/** How many words either side of a mention may name the brand's goods, and a monogram's neighbours. */
const GOODS_WINDOW = 6;
const MONOGRAM_WINDOW = 2;

interface FieldWords {
  words: string[];
  starts: number[];
  ends: number[];
}

function wordsOfField(folded: string): FieldWords {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (const match of folded.matchAll(/[a-z0-9]+/g)) {
    words.push(singular(match[0]));
    starts.push(match.index);
    ends.push(match.index + match[0].length);
  }
  return { words, starts, ends };
}

/** Words within `window` words of [from, to), the mention's own words left out. */
function neighbours(field: FieldWords, from: number, to: number, window: number): string[] {
  let first = field.starts.findIndex((start, index) => field.ends[index]! > from);
  if (first < 0) first = field.words.length;
  let last = first;
  while (last < field.words.length && field.starts[last]! < to) last++;
  return [...field.words.slice(Math.max(0, first - window), first), ...field.words.slice(last, last + window)];
}

/** Decides `brandSense` (with its evidence) for every ambiguous mention; the others mean the brand. */
export function decideBrandSense(mentions: SensedMention[], fields: readonly { field: string; folded: { text: string } }[], brands: ReadonlyMap<string, BrandEntry>, context: SenseContext): void {
  const ambiguous = mentions.filter((mention) => mention.ambiguous);
  if (ambiguous.length === 0) return;
  const words = new Map<string, FieldWords>();
  const wordsIn = (name: string) => {
    let found = words.get(name);
    if (!found) words.set(name, (found = wordsOfField(fields.find((field) => field.field === name)?.folded.text ?? '')));
    return found;
  };
  for (const mention of ambiguous) {
    const brand = brands.get(mention.brandKey);
    mention.senseEvidence = brand ? senseOf(mention, brand, mentions, wordsIn, context) : null;
    mention.brandSense = mention.senseEvidence !== null;
  }
}

function senseOf(mention: SensedMention, brand: BrandEntry, mentions: readonly SensedMention[], wordsIn: (field: string) => FieldWords, context: SenseContext): string | null {
  if (context.claimedBrandKey === brand.key) return 'the listing claims the brand';
  if (context.category && brand.category && sameCategory(context.category, brand.category)) return `the listing's category is ${context.category}`;
  const other = mentions.find((found) => found !== mention && found.brandKey === brand.key && (found.disguises.length > 0 || found.termLetters !== mention.termLetters));
  if (other) return other.disguises.length > 0 ? 'the brand is also named disguised' : 'the brand is also named another way';
  const goods = categoryWords(brand.category);
  const field = wordsIn(mention.field);
  // the title names the listing's goods wherever the brand is named; a description, near the mention
  const near = neighbours(field, mention.foldedStart, mention.foldedEnd, mention.field === 'title' ? Number.MAX_SAFE_INTEGER : GOODS_WINDOW);
  const inTitle = mention.field === 'title' ? [] : neighbours(wordsIn('title'), -1, -1, Number.MAX_SAFE_INTEGER);
  const good = [...near, ...inTitle].find((word) => goods.has(word));
  if (good) return `the brand's goods are named ("${good}")`;
  if (mention.term === 'initials') {
    const beside = neighbours(field, mention.foldedStart, mention.foldedEnd, MONOGRAM_WINDOW).find((word) => MONOGRAM_WORDS.has(word));
    if (beside) return `a monogram word stands beside it ("${beside}")`;
  }
  return null;
}
