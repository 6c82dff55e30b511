/**
 * Brand mentions: where a listing names one of the marketplace's brands (by name or alias) in
 * its title, description or the text read from its images, and whether the name is disguised.
 *
 * Catches: plain mentions; disguises (lookalike letters, zero-width characters, spread-out or
 * symbol-broken names, leetspeak, one misspelt letter in names of five letters or more), each
 * named in the evidence; accessories "compatible with <brand>" (marked, so no brand claim
 * follows from them); initials: an alias of two or three capitals ("GG", "LV") and the initials
 * of a name of two or three words ("Louis Vuitton" → LV, "Michael Kors" → MK), written with dots
 * or spaces or not. A name, alias or initials that is also an everyday word is read as the brand
 * only in context (brandSense.ts); accents a brand's name carries ("Hermès") are its spelling.
 * Misses: the disguises termMatcher.ts misses; a brand named only by a model name the catalog
 * does not list as an alias; the everyday senses brandSense.ts misses.
 */
import { words as popularWords } from 'popular-english-words';
import type { BrandEntry, ListingField } from '../../../core/listingScreening.ts';
import type { Signal } from '../../../core/signals.ts';
import { foldText, sourceSpan, type FoldedText } from '../listingText/foldText.ts';
import { compactText, firstCharacters, makeTerm, matchTermAt, type CompactText, type Disguise, type Term, type TermMatch } from '../listingText/termMatcher.ts';
import { decideBrandSense, type SenseContext, type TermKind } from './brandSense.ts';
import { wellKnownModelsOf } from './wellKnownModels.ts';

export const detector = { id: 'listing-brands', version: '3' };

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
  /** which of the brand's names matched: its name, an alias, or initials */
  term: TermKind;
  termLetters: string;
  /** an everyday word or initials written plainly: the brand is meant only in context */
  ambiguous: boolean;
  /** the brand is meant (always, unless ambiguous and nothing in the listing says so) */
  brandSense: boolean;
  /** why an ambiguous mention was read as the brand */
  senseEvidence: string | null;
}

interface CatalogTerm {
  brand: BrandEntry;
  term: Term;
  kind: TermKind;
  /** one everyday English word ("Apple", "Coach", "Galaxy") */
  everyday: boolean;
}

interface CompiledCatalog {
  /** every brand's terms by the characters their first letter may be written as, longest first */
  byFirstCharacter: Map<string, CatalogTerm[]>;
  byKey: Map<string, BrandEntry>;
}

const compiledCatalogs = new WeakMap<readonly BrandEntry[], CompiledCatalog>();

/** An alias written as two or three capitals ("GG", "LV", "D&G", "YSL") is initials. */
const isInitials = (alias: string) => /^[\p{Lu}\d&.\s]+$/u.test(alias) && /^[\p{L}\d]{2,3}$/u.test(alias.replace(/[^\p{L}\d]/gu, ''));
const INITIALS_SKIPPED = new Set(['&', 'and', 'of', 'de', 'di', 'et', '+']);

/** "Louis Vuitton" → "LV", "The North Face" → "TNF": the initials of a name of two or three words. */
function initialsOf(name: string): string | null {
  const words = name.split(/\s+/).filter((word) => /\p{L}/u.test(word) && !INITIALS_SKIPPED.has(word.toLowerCase()));
  return words.length >= 2 && words.length <= 3 ? words.map((word) => [...word][0]!.toUpperCase()).join('') : null;
}

function termsOf(brand: BrandEntry, limits: BrandThresholds): CatalogTerm[] {
  const phrases: { phrase: string; kind: TermKind }[] = [
    { phrase: brand.name, kind: 'name' },
    ...brand.aliases.map((alias) => ({ phrase: alias, kind: isInitials(alias) ? ('initials' as const) : ('alias' as const) })),
  ];
  const derived = initialsOf(brand.name);
  if (derived) phrases.push({ phrase: derived, kind: 'initials' });
  phrases.push(...wellKnownModelsOf(brand).map((phrase) => ({ phrase, kind: 'model' as const })));
  const terms: CatalogTerm[] = [];
  for (const { phrase, kind } of phrases) {
    // a model's misspelling is not read as a disguise: model names sit close to ordinary words
    const term = makeTerm(phrase, { fuzzy: kind !== 'initials' && kind !== 'model', initials: kind === 'initials' });
    if (!term || terms.some((known) => known.term.letters === term.letters)) continue;
    const everyday = kind !== 'initials' && term.breaks.size === 0 && isCommonWord(term.letters, limits.commonWordCount);
    terms.push({ brand, term, kind, everyday });
  }
  return terms;
}

/**
 * Terms of every brand, compiled once per catalog array and indexed by first character, so a
 * listing is read once whatever the catalog's size (each word start tries only the terms that
 * can begin there).
 */
export function compileCatalog(brands: readonly BrandEntry[], limits: BrandThresholds = brandThresholds): CompiledCatalog {
  let compiled = compiledCatalogs.get(brands);
  if (!compiled) {
    const byFirstCharacter = new Map<string, CatalogTerm[]>();
    for (const brand of brands) {
      for (const entry of termsOf(brand, limits)) {
        for (const char of firstCharacters(entry.term)) byFirstCharacter.set(char, [...(byFirstCharacter.get(char) ?? []), entry]);
      }
    }
    for (const entries of byFirstCharacter.values()) entries.sort((a, b) => b.term.letters.length - a.term.letters.length);
    compiled = { byFirstCharacter, byKey: new Map(brands.map((brand) => [brand.key, brand])) };
    compiledCatalogs.set(brands, compiled);
  }
  return compiled;
}

/** Of two matches of one brand at one place, the plainer, then the longer ("Hermès" over "Hermes" with a lookalike è). */
const better = (a: TermMatch, b: TermMatch) => a.disguises.length < b.disguises.length || (a.disguises.length === b.disguises.length && a.foldedEnd > b.foldedEnd);

/** The sentence so far names what an accessory fits. */
const ACCESSORY_CONTEXT = /(compatible|compatibility|fits|fit for|for use with|works with|replacement for|designed for|made for|suitable for|safe for|sized for|cut for|shaped for|made to fit|to fit)[^.!?\n]{0,50}$|\b(for|fits|fit)\s+(the |your |all |most |any )?$/;

export function findBrandMentions(fields: readonly PreparedField[], brands: readonly BrandEntry[], limits: BrandThresholds = brandThresholds, context: SenseContext = {}): BrandMention[] {
  const mentions: BrandMention[] = [];
  const catalog = compileCatalog(brands, limits);
  for (const field of fields) {
    const { compact } = field;
    const taken = new Map<string, [number, number][]>();
    for (let start = 0; start < compact.chars.length; start++) {
      if (!compact.wordStart[start]) continue;
      // the best match of each brand beginning here (allocated only where something matches)
      let here: Map<string, { entry: CatalogTerm; match: TermMatch }> | undefined;
      for (const entry of catalog.byFirstCharacter.get(compact.chars[start]!) ?? []) {
        const match = matchTermAt(compact, start, entry.term);
        if (!match) continue;
        if (match.matched !== entry.term.letters && isCommonWord(match.matched, limits.commonWordCount)) continue;
        here ??= new Map();
        const known = here.get(entry.brand.key);
        if (!known || better(match, known.match)) here.set(entry.brand.key, { entry, match });
      }
      if (!here) continue;
      for (const { entry, match } of here.values()) {
        const { brand } = entry;
        const spans = taken.get(brand.key) ?? [];
        if (spans.some(([from, to]) => match.foldedStart < to && from < match.foldedEnd)) continue;
        spans.push([match.foldedStart, match.foldedEnd]);
        taken.set(brand.key, spans);
        const span = sourceSpan(field.folded, match.foldedStart, match.foldedEnd);
        const before = field.folded.text.slice(Math.max(0, match.foldedStart - 80), match.foldedStart);
        const plain = match.disguises.length === 0;
        const ambiguous = plain && (entry.kind === 'initials' || entry.everyday);
        mentions.push({
          brandKey: brand.key,
          brandName: brand.name,
          field: field.field,
          ...span,
          text: field.text.slice(span.start, span.end),
          disguises: match.disguises,
          accessory: ACCESSORY_CONTEXT.test(before),
          everydayWord: plain && isCommonWord(match.matched, limits.commonWordCount),
          foldedStart: match.foldedStart,
          foldedEnd: match.foldedEnd,
          term: entry.kind,
          termLetters: entry.term.letters,
          ambiguous,
          brandSense: !ambiguous,
          senseEvidence: null,
        });
      }
    }
  }
  // "Strap for Rolex Submariner": the alias after an accessory's brand names the same thing it fits
  const accessoryOf = new Set(mentions.filter((mention) => mention.accessory).map((mention) => `${mention.field}|${mention.brandKey}`));
  for (const mention of mentions) {
    if (mention.disguises.length === 0 && accessoryOf.has(`${mention.field}|${mention.brandKey}`)) mention.accessory = true;
  }
  decideBrandSense(mentions, fields, catalog.byKey, context);
  return mentions;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** One signal per brand mentioned, and one per brand disguised (its first disguised mention). */
export function brandSignals(mentions: readonly BrandMention[], limits: BrandThresholds = brandThresholds): Signal[] {
  const signals: Signal[] = [];
  const byBrand = new Map<string, BrandMention[]>();
  for (const mention of mentions) if (mention.brandSense) byBrand.set(mention.brandKey, [...(byBrand.get(mention.brandKey) ?? []), mention]);
  for (const [brandKey, found] of byBrand) {
    const first = found[0]!;
    const plain = found.find((mention) => mention.disguises.length === 0) ?? first;
    signals.push({
      code: 'listing.brand_mentioned',
      severity: 'info',
      score: 1,
      summary: `Names the brand ${first.brandName}${found.every((mention) => mention.accessory) ? ' (as what an accessory fits)' : ''}`,
      evidence: {
        brandKey,
        brandName: first.brandName,
        field: plain.field,
        start: plain.start,
        end: plain.end,
        text: plain.text,
        term: plain.term,
        accessory: found.every((mention) => mention.accessory),
        occurrences: found.length,
        ...(plain.senseEvidence ? { readAsBrandBecause: plain.senseEvidence } : {}),
      },
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
