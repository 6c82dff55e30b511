/**
 * Uniform praise across unrelated categories: within seven days, a creator praises goods of many
 * unrelated kinds (a smart watch, a bunion corrector, a serum) in superlatives ("best ever",
 * "life-changing", "obsessed"). Real reviewers praise some things and not others; a paid script
 * praises everything the same way. Weak on its own: it may raise a case's priority, never act
 * alone (the shipped policy ignores it; the workflow uses it to raise an escalation's priority).
 *
 * The figures are kept incrementally per creator, one bucket per day for the last seven days
 * (words, superlatives, categories seen): a fixed-size state, O(1) per post.
 * Catches: English, Spanish, French, German and Portuguese superlatives; categories from a small
 * keyword list. Misses: categories the list lacks, irony, praise in pictures.
 */
import type { DetectorModule, Signal } from '../../../core/signals.ts';
import { wordsOf } from '../contentScript/normalise.ts';

export const SUPERLATIVES: readonly string[] = [
  'best', 'amazing', 'incredible', 'obsessed', 'perfect', 'love', 'game changer', 'life changing', 'must have', 'holy grail', 'insane', 'unreal', 'flawless', 'miracle', 'greatest', 'favorite', 'favourite', 'wonderful', 'fantastic', 'awesome',
  // "mejor", "melhor", "meilleur" and "beste" alone are also "better": only "the best" counts.
  'lo mejor', 'el mejor', 'la mejor', 'increible', 'perfecto', 'perfecta', 'encanta', 'maravilloso', 'obsesionada', 'imprescindible',
  'le meilleur', 'la meilleure', 'incroyable', 'parfait', 'parfaite', 'adore', 'genial', 'indispensable', 'magique',
  'das beste', 'der beste', 'die beste', 'unglaublich', 'perfekt', 'liebe', 'wahnsinn', 'traumhaft', 'fantastisch',
  'o melhor', 'a melhor', 'incrivel', 'perfeito', 'perfeita', 'amo', 'maravilhoso', 'viciada', 'obrigatorio',
];

/** Keyword stems per product category (folded words). */
export const CATEGORY_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  electronics: ['watch', 'smartwatch', 'earbuds', 'headphones', 'charger', 'phone', 'speaker', 'tablet', 'camera', 'reloj', 'montre', 'uhr', 'relogio', 'kopfhoerer', 'fones', 'auriculares', 'ecouteurs'],
  foot_health: ['bunion', 'insoles', 'orthotic', 'juanete', 'hallux', 'oignon', 'ballenzeh', 'joanete', 'plantillas', 'semelles', 'einlagen', 'palmilhas'],
  skincare: ['serum', 'moisturizer', 'moisturiser', 'cream', 'crema', 'creme', 'skincare', 'sunscreen', 'retinol', 'cleanser', 'pele', 'peau', 'piel', 'haut'],
  kitchen: ['blender', 'pan', 'knife', 'airfryer', 'fryer', 'cookware', 'licuadora', 'poele', 'mixer', 'pfanne', 'panela', 'liquidificador', 'sarten'],
  fitness: ['protein', 'leggings', 'dumbbells', 'yoga', 'mat', 'gym', 'proteina', 'proteine', 'hantel', 'esterilla', 'tapis'],
  supplements: ['vitamins', 'gummies', 'collagen', 'supplement', 'vitaminas', 'colageno', 'collagene', 'kollagen', 'suplemento', 'complement', 'nahrungsergaenzung'],
  home: ['vacuum', 'mop', 'lamp', 'pillow', 'mattress', 'aspiradora', 'aspirateur', 'staubsauger', 'aspirador', 'almohada', 'oreiller', 'kissen', 'travesseiro'],
  fashion: ['dress', 'sneakers', 'jacket', 'handbag', 'jeans', 'vestido', 'robe', 'kleid', 'bolso', 'sac', 'tasche', 'bolsa', 'zapatillas', 'baskets'],
  pets: ['dog', 'cat', 'pet', 'perro', 'gato', 'chien', 'chat', 'hund', 'katze', 'cachorro'],
  haircare: ['shampoo', 'conditioner', 'hair', 'champu', 'cabello', 'cheveux', 'haare', 'cabelo'],
};

const keywordCategory = new Map<string, string>();
for (const [category, words] of Object.entries(CATEGORY_KEYWORDS)) for (const word of words) keywordCategory.set(word, category);
const singleSuperlatives = new Set(SUPERLATIVES.filter((word) => !word.includes(' ')));
const pairSuperlatives = new Set(SUPERLATIVES.filter((word) => word.includes(' ')));

/** Words, superlatives and categories of one post (words folded; plurals tried without a final s). */
export function praiseFigures(text: string): { words: number; superlatives: number; categories: string[] } {
  const words = wordsOf(text.replace(/-/g, ' '));
  let superlatives = 0;
  const categories = new Set<string>();
  words.forEach((word, index) => {
    if (singleSuperlatives.has(word) || pairSuperlatives.has(`${word} ${words[index + 1] ?? ''}`)) superlatives += 1;
    const category = keywordCategory.get(word) ?? keywordCategory.get(word.replace(/s$/u, '')) ?? keywordCategory.get(word.replace(/es$/u, ''));
    if (category) categories.add(category);
  });
  return { words: words.length, superlatives, categories: [...categories].sort() };
}

export interface PraiseDay {
  /** UTC day number */
  day: number;
  posts: number;
  words: number;
  superlatives: number;
  categories: string[];
}

/** The last seven days' buckets (at most seven, oldest first). */
export interface PraiseWeek {
  days: PraiseDay[];
}

export const PRAISE_WINDOW_DAYS = 7;
const dayNumber = (at: Date): number => Math.floor(at.getTime() / 86_400_000);

/** The window after one more post; a post older than the window leaves it as it is. */
export function addToWeek(current: PraiseWeek | null, postedAt: Date, figures: ReturnType<typeof praiseFigures>): PraiseWeek {
  const day = dayNumber(postedAt);
  const days = current?.days ?? [];
  const latest = Math.max(day, ...days.map((bucket) => bucket.day));
  if (day <= latest - PRAISE_WINDOW_DAYS) return current ?? { days: [] };
  const kept = days.filter((bucket) => bucket.day > latest - PRAISE_WINDOW_DAYS);
  const existing = kept.find((bucket) => bucket.day === day);
  const updated: PraiseDay = {
    day,
    posts: (existing?.posts ?? 0) + 1,
    words: (existing?.words ?? 0) + figures.words,
    superlatives: (existing?.superlatives ?? 0) + figures.superlatives,
    categories: [...new Set([...(existing?.categories ?? []), ...figures.categories])].sort(),
  };
  return { days: [...kept.filter((bucket) => bucket.day !== day), updated].sort((left, right) => left.day - right.day) };
}

/** The window's totals. */
export function weekTotals(week: PraiseWeek): { posts: number; words: number; superlatives: number; categories: string[] } {
  return {
    posts: week.days.reduce((sum, bucket) => sum + bucket.posts, 0),
    words: week.days.reduce((sum, bucket) => sum + bucket.words, 0),
    superlatives: week.days.reduce((sum, bucket) => sum + bucket.superlatives, 0),
    categories: [...new Set(week.days.flatMap((bucket) => bucket.categories))].sort(),
  };
}

export interface PraiseThresholds {
  /** superlatives per 100 words over the week */
  minDensity: number;
  minCategories: number;
  minPosts: number;
}

export const praiseThresholds: PraiseThresholds = { minDensity: 0.8, minCategories: 4, minPosts: 4 };

const detector = { id: 'content-uniform-praise', version: '1' };

export const uniformPraiseDetector: DetectorModule<{ week: PraiseWeek }, PraiseThresholds> = {
  ...detector,
  description: 'Superlative praise spread over unrelated product categories in one week (raises priority only)',
  thresholds: praiseThresholds,
  detect({ week: window }, limits = praiseThresholds): Signal[] {
    const week = weekTotals(window);
    const density = week.words > 0 ? Math.round((week.superlatives / week.words) * 1000) / 10 : 0;
    if (week.posts < limits.minPosts || week.categories.length < limits.minCategories || density < limits.minDensity) return [];
    return [
      {
        code: 'content.uniform_praise',
        severity: 'low',
        score: Math.min(1, 0.3 + 0.05 * week.categories.length + density / 50),
        summary: `Superlatives in ${density} of every 100 words over 7 days across ${week.categories.length} unrelated categories (${week.categories.join(', ')})`,
        evidence: { superlativesPer100Words: density, categories: week.categories, postsInWindow: week.posts, minDensity: limits.minDensity, minCategories: limits.minCategories },
        detector,
      },
    ];
  },
};
