/**
 * Brand mentions: where a listing names one of the marketplace's brands (by name or alias) in
 * its title, description or the text read from its images, and whether the name is disguised.
 *
 * Catches: plain mentions; disguises (lookalike letters, zero-width characters, spread-out or
 * symbol-broken names, leetspeak, one misspelt letter in names of five letters or more), each
 * named in the evidence; accessories "compatible with <brand>" (marked, so no brand claim
 * follows from them). Misses: the disguises termMatcher.ts misses; a brand named only by a
 * model name the catalog does not list as an alias; a brand whose name is an everyday word is
 * found in its everyday sense too ("apple pie"), which is why a plain mention alone is only
 * information and the price and seller checks ask for more.
 */
import { words as popularWords } from 'popular-english-words';
import type { BrandEntry, ListingField } from '../../../core/listingScreening.ts';
import type { Signal } from '../../../core/signals.ts';
import { foldText, sourceSpan, type FoldedText } from '../listingText/foldText.ts';
import { compactText, firstCharacters, makeTerm, matchTermAt, type CompactText, type Disguise, type Term } from '../listingText/termMatcher.ts';

export const detector = { id: 'listing-brands', version: '1' };

export interface BrandThresholds {
  /** a misspelt match that is itself one of this many most common English words is no disguise ("channel") */
  commonWordCount: number;
  /** score of a disguised mention; each further disguise technique adds `disguiseStep` */
  disguisedScore: number;
  disguiseStep: number;
}

export const brandThresholds: BrandThresholds = { commonWordCount: 30_000, disguisedScore: 0.85, disguiseStep: 0.04 };

let commonWords: Set<string> | undefined;
const isCommonWord = (word: string, count: number) => (commonWords ??= new Set(popularWords.getMostPopular(count))).has(word);

export interface TextField {
  field: ListingField;
  text: string;
}

export interface PreparedField extends TextField {
  folded: FoldedText;
  compact: CompactText;
}

export const prepareField = (field: TextField): PreparedField => {
  const folded = foldText(field.text);
  return { ...field, folded, compact: compactText(folded) };
};

export interface BrandMention {
  brandKey: string;
  brandName: string;
  field: ListingField;
  /** UTF-16 offsets in the field as sent */
  start: number;
  end: number;
  /** the words as written */
  text: string;
  disguises: Disguise[];
  /** named as what an accessory fits ("compatible with Apple"), not as the product's own brand */
  accessory: boolean;
  /** written plainly as an everyday English word ("apple", "canon"): the brand may not be meant */
  everydayWord: boolean;
  foldedStart: number;
  foldedEnd: number;
}

interface CompiledBrand {
  brand: BrandEntry;
  terms: Term[];
}

interface CompiledCatalog {
  brands: CompiledBrand[];
  /** every brand's terms by the characters their first letter may be written as */
  byFirstCharacter: Map<string, { brand: BrandEntry; term: Term }[]>;
}

const compiledCatalogs = new WeakMap<readonly BrandEntry[], CompiledCatalog>();

/**
 * Terms of every brand, compiled once per catalog array and indexed by first character, so a
 * listing is read once whatever the catalog's size (each word start tries only the terms that
 * can begin there).
 */
export function compileCatalog(brands: readonly BrandEntry[]): CompiledCatalog {
  let compiled = compiledCatalogs.get(brands);
  if (!compiled) {
    const entries = brands.map((brand) => ({
      brand,
      terms: [brand.name, ...brand.aliases].map((phrase) => makeTerm(phrase, { fuzzy: true })).filter((term): term is Term => term !== null),
    }));
    const byFirstCharacter = new Map<string, { brand: BrandEntry; term: Term }[]>();
    for (const { brand, terms } of entries) {
      for (const term of terms) {
        for (const char of firstCharacters(term)) byFirstCharacter.set(char, [...(byFirstCharacter.get(char) ?? []), { brand, term }]);
      }
    }
    compiled = { brands: entries, byFirstCharacter };
    compiledCatalogs.set(brands, compiled);
  }
  return compiled;
}

/** The sentence so far names what an accessory fits. */
const ACCESSORY_CONTEXT = /(compatible|compatibility|fits|fit for|for use with|works with|replacement for|designed for|made for|suitable for)[^.!?\n]{0,50}$|\b(for|fits|fit)\s+(the |your |all |most |any )?$/;

export function findBrandMentions(fields: readonly PreparedField[], brands: readonly BrandEntry[], limits: BrandThresholds = brandThresholds): BrandMention[] {
  const mentions: BrandMention[] = [];
  const catalog = compileCatalog(brands);
  for (const field of fields) {
    const { compact } = field;
    const taken = new Map<string, [number, number][]>();
    for (let start = 0; start < compact.chars.length; start++) {
      if (!compact.wordStart[start]) continue;
      for (const { brand, term } of catalog.byFirstCharacter.get(compact.chars[start]!) ?? []) {
        const match = matchTermAt(compact, start, term);
        if (!match) continue;
        if (match.matched !== term.letters && isCommonWord(match.matched, limits.commonWordCount)) continue;
        const spans = taken.get(brand.key) ?? [];
        if (spans.some(([from, to]) => match.foldedStart < to && from < match.foldedEnd)) continue;
        spans.push([match.foldedStart, match.foldedEnd]);
        taken.set(brand.key, spans);
        const span = sourceSpan(field.folded, match.foldedStart, match.foldedEnd);
        const before = field.folded.text.slice(Math.max(0, match.foldedStart - 80), match.foldedStart);
        mentions.push({
          brandKey: brand.key,
          brandName: brand.name,
          field: field.field,
          ...span,
          text: field.text.slice(span.start, span.end),
          disguises: match.disguises,
          accessory: ACCESSORY_CONTEXT.test(before),
          everydayWord: match.disguises.length === 0 && isCommonWord(match.matched, limits.commonWordCount),
          foldedStart: match.foldedStart,
          foldedEnd: match.foldedEnd,
        });
      }
    }
  }
  // "Strap for Rolex Submariner": the alias after an accessory's brand names the same thing it fits
  const accessoryOf = new Set(mentions.filter((mention) => mention.accessory).map((mention) => `${mention.field}|${mention.brandKey}`));
  for (const mention of mentions) {
    if (mention.disguises.length === 0 && accessoryOf.has(`${mention.field}|${mention.brandKey}`)) mention.accessory = true;
  }
  return mentions;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** One signal per brand mentioned, and one per brand disguised (its first disguised mention). */
export function brandSignals(mentions: readonly BrandMention[], limits: BrandThresholds = brandThresholds): Signal[] {
  const signals: Signal[] = [];
  const byBrand = new Map<string, BrandMention[]>();
  for (const mention of mentions) byBrand.set(mention.brandKey, [...(byBrand.get(mention.brandKey) ?? []), mention]);
  for (const [brandKey, found] of byBrand) {
    const first = found[0]!;
    const plain = found.find((mention) => mention.disguises.length === 0) ?? first;
    signals.push({
      code: 'listing.brand_mentioned',
      severity: 'info',
      score: 1,
      summary: `Names the brand ${first.brandName}${found.every((mention) => mention.accessory) ? ' (as what an accessory fits)' : ''}`,
      evidence: { brandKey, brandName: first.brandName, field: plain.field, start: plain.start, end: plain.end, text: plain.text, accessory: found.every((mention) => mention.accessory), occurrences: found.length },
      detector,
    });
    const disguised = found.find((mention) => mention.disguises.length > 0);
    if (disguised) {
      signals.push({
        code: 'listing.brand_disguised',
        severity: 'high',
        score: round(Math.min(0.99, limits.disguisedScore + limits.disguiseStep * (disguised.disguises.length - 1))),
        summary: `Writes the brand ${disguised.brandName} disguised as "${disguised.text}" (${disguised.disguises.join(', ')})`,
        evidence: { brandKey, brandName: disguised.brandName, field: disguised.field, start: disguised.start, end: disguised.end, text: disguised.text, disguises: disguised.disguises },
        detector,
      });
    }
  }
  return signals;
}
