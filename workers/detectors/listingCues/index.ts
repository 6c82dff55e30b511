/**
 * Counterfeit cues: the words knockoff sellers use to tell buyers what they are getting
 * ("replica", "1:1", "AAA", "mirror quality", "dupe", "inspired by <brand>", "unbranded … with
 * logo", "same factory"), in the title, the description or text read from images, disguised or
 * not (lookalikes are folded; leetspeak digits between letters are read as letters).
 *
 * Catches: the phrases of cueRules.ts, with their benign senses excluded ("mirror-finish",
 * "1:1 aspect ratio", "replica souvenir", "AAA batteries", "AAA grade glass", "fake fur", "not a
 * replica", "we never sell replicas or fakes"); factory stories ("factory seconds", "overrun
 * stock", "from the same factory as"), copy grades ("top-grade copy", "7A quality"), "same as the
 * original", "OEM", evasive details, sneaker slang ("reps", "PK batch", "UA"), a monogram's
 * letter ("G-pattern", "double G"), a few loanwords ("réplica", "replika", "copia exacta",
 * "imitación"); a cue word in a hashtag counts unless the listing uses it benignly elsewhere.
 * Misses: new slang until it is added to the rules; cue words spread out with spaces
 * ("r e p l i c a"); most other languages; irony; euphemisms ("vibes" after a brand is read,
 * "you know which one" is not).
 */
import type { ListingField } from '../../../core/listingScreening.ts';
import type { Signal } from '../../../core/signals.ts';
import type { BrandMention, PreparedField } from '../listingBrands/index.ts';
import { sourceSpan } from '../listingText/foldText.ts';
import { ALTERNATIVE_RULES, CUE_RULES, DISCLAIMS_COPYING, GENERAL_STATEMENT_AFTER, NEGATION_BEFORE, OTHER_SCRIPT_CUES, type CueRule, type CueStrength } from './cueRules.ts';

export const detector = { id: 'listing-cues', version: '3' };

export interface CueThresholds {
  strongScore: number;
  weakScore: number;
  /** how far (folded characters) a brand may stand from "inspired by" */
  brandDistance: number;
}

export const cueThresholds: CueThresholds = { strongScore: 0.95, weakScore: 0.7, brandDistance: 40 };

export interface CueMatch {
  cue: string;
  strength: CueStrength;
  field: ListingField;
  start: number;
  end: number;
  text: string;
  /** the brand a comparison names ("inspired by Chanel", "Coach-style"): it is the brand meant, whatever its everyday sense */
  brandMention?: BrandMention;
}

/** A letter beyond the Latin blocks (Cyrillic, Greek, CJK, Hangul, Thai, Arabic...). */
const NON_LATIN = /[\u0370-\u1DFF\u2E80-\uFFEF]/u;

const LEET_LETTER: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

/** Digits and symbols standing between letters read as letters; one character for one, so offsets hold. */
export function readLeet(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    const letter = LEET_LETTER[char];
    if (letter && (/[a-z]/.test(text[index - 1] ?? '') || /[a-z]/.test(text[index + 1] ?? '')) && !/[0-9]/.test(text[index - 1] ?? '') && !/[0-9]/.test(text[index + 1] ?? '')) out += letter;
    else out += char;
  }
  return out;
}

function benign(rule: CueRule, text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 60), start);
  const after = text.slice(end, end + 80);
  if (rule.benignBefore?.test(before)) return true;
  if (rule.benignAfter?.test(after)) return true;
  return rule.negatable === true && (NEGATION_BEFORE.test(before) || GENERAL_STATEMENT_AFTER.test(after));
}

/** What a listing's reading so far tells each rule. */
interface ListingContext {
  /** the listing names a brand as its own (not as what an accessory fits) */
  branded: boolean;
  /** rules whose words the listing uses in a benign sense somewhere */
  benignSeen: Set<string>;
  /** cues found in hashtags ("#replica"), which echo the listing's own words */
  inHashtags: Set<CueMatch>;
}

const anchoredPatterns = new WeakMap<CueRule, RegExp>();
const anchored = (rule: CueRule) => {
  let pattern = anchoredPatterns.get(rule);
  if (!pattern) anchoredPatterns.set(rule, (pattern = new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', ''))));
  return pattern;
};

/** Records a benign reading of a rule's words (for hashtags that echo them). Module-level, like
 * addCue below, so a listing's rules create no closures (closures are the cost that counts here). */
function isBenign(context: ListingContext, rule: CueRule, text: string, start: number, end: number): boolean {
  const verdict = benign(rule, text, start, end);
  if (verdict) context.benignSeen.add(rule.id);
  return verdict;
}

function addCue(found: CueMatch[], context: ListingContext, field: PreparedField, rule: CueRule, text: string, start: number, end: number, brandMention?: BrandMention): void {
  const span = sourceSpan(field.folded, start, end);
  const cue: CueMatch = { cue: rule.id, strength: rule.strength, field: field.field, ...span, text: field.text.slice(span.start, span.end), ...(brandMention ? { brandMention } : {}) };
  if (text[start - 1] === '#') context.inHashtags.add(cue);
  found.push(cue);
}

function matchesIn(field: PreparedField, rule: CueRule, texts: { plain: string; leet: string }, ownMentions: readonly BrandMention[], limits: CueThresholds, context: ListingContext, found: CueMatch[]): void {
  if (rule.brand === 'listing' && !context.branded) return;
  if ((rule.brand === 'before' || rule.brand === 'after') && ownMentions.length === 0) return;
  const text = texts[rule.on];
  if (rule.brand === 'before') {
    for (const mention of ownMentions) {
      const match = anchored(rule).exec(text.slice(mention.foldedEnd, mention.foldedEnd + 40));
      if (match && !isBenign(context, rule, text, mention.foldedEnd, mention.foldedEnd + match[0].length)) addCue(found, context, field, rule, text, mention.foldedStart, mention.foldedEnd + match[0].length, mention);
    }
    return;
  }
  rule.pattern.lastIndex = 0;
  for (let match = rule.pattern.exec(text); match; match = rule.pattern.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[0].length === 0) {
      rule.pattern.lastIndex++;
      continue;
    }
    if (isBenign(context, rule, text, start, end)) continue;
    if (rule.brand === 'after') {
      const brand = ownMentions.find((mention) => mention.foldedStart >= end && mention.foldedStart - end <= limits.brandDistance);
      if (brand) addCue(found, context, field, rule, text, start, brand.foldedEnd, brand);
      continue;
    }
    addCue(found, context, field, rule, text, start, end);
  }
}

export function findCues(fields: readonly PreparedField[], mentions: readonly BrandMention[], limits: CueThresholds = cueThresholds): CueMatch[] {
  const cues: CueMatch[] = [];
  const context: ListingContext = { branded: mentions.some((mention) => mention.brandSense && !mention.accessory), benignSeen: new Set(), inHashtags: new Set() };
  for (const field of fields) {
    const texts = { plain: field.folded.text, leet: readLeet(field.folded.text) };
    // the brands a comparison may name here; a brand's name written with a capital counts even where it could be an everyday word ("inspired by Coach")
    const ownMentions = mentions.filter((mention) => mention.field === field.field && !mention.accessory && (mention.brandSense || (mention.term === 'name' && /\p{Lu}/u.test(field.text[mention.start] ?? ''))));
    for (const rule of CUE_RULES) matchesIn(field, rule, texts, ownMentions, limits, context, cues);
    // words of scripts the folding changes or drops, read as written (offsets are the field's own)
    if (NON_LATIN.test(field.text)) {
      for (const { id, pattern } of OTHER_SCRIPT_CUES) {
        pattern.lastIndex = 0;
        for (let match = pattern.exec(field.text); match; match = pattern.exec(field.text)) cues.push({ cue: id, strength: 'strong', field: field.field, start: match.index, end: match.index + match[0].length, text: match[0] });
      }
    }
  }
  const alternative = !context.branded && fields.some((field) => DISCLAIMS_COPYING.test(field.folded.text));
  // "#replica" under "Replica souvenir model" repeats the title's word, in the title's sense
  return cues.filter((cue) => !(context.inHashtags.has(cue) && context.benignSeen.has(cue.cue)) && !(alternative && ALTERNATIVE_RULES.has(cue.cue)));
}

/** One signal per cue and field (the first place it appears, with how often). */
export function cueSignals(cues: readonly CueMatch[], limits: CueThresholds = cueThresholds): Signal[] {
  const grouped = new Map<string, CueMatch[]>();
  for (const cue of cues) {
    const key = `${cue.cue}|${cue.field}`;
    grouped.set(key, [...(grouped.get(key) ?? []), cue]);
  }
  return [...grouped.values()].map((group) => {
    const first = group[0]!;
    return {
      code: 'listing.counterfeit_cue',
      severity: first.strength === 'strong' ? 'high' : 'medium',
      score: first.strength === 'strong' ? limits.strongScore : limits.weakScore,
      summary: `Says "${first.text}" (${first.cue.replaceAll('_', ' ')}) in the ${first.field.startsWith('image:') ? 'text of an image' : first.field}`,
      evidence: { cue: first.cue, strength: first.strength, phrase: first.text, field: first.field, start: first.start, end: first.end, occurrences: group.length },
      detector,
    } satisfies Signal;
  });
}
