/**
 * What goods of a catalog category are called, so a brand whose name is an everyday word
 * ("Apple", "Coach", "Gap") or initials ("LV", "GG") is read as the brand only beside the goods
 * it makes: "Coach tote" is the brand, "Coach bus model" is not. A marketplace names its
 * categories freely ("handbags", "Bags & Purses", "home appliances"), so a category is looked up
 * by each of its words among the names below, and its own words count too.
 *
 * A hand-written table rather than a taxonomy library: the detectors need a few hundred product
 * nouns per category family, not a product ontology, and the table is read in one pass.
 */

interface CategoryFamily {
  /** category names (singular) that mean this family */
  names: string[];
  /** product nouns (singular) of the family */
  words: string[];
}

const FAMILIES: readonly CategoryFamily[] = [
  {
    names: ['handbag', 'bag', 'purse', 'leather good', 'luggage'],
    words: ['bag', 'handbag', 'purse', 'tote', 'clutch', 'wallet', 'satchel', 'crossbody', 'backpack', 'pochette', 'wristlet', 'hobo', 'duffle', 'duffel', 'weekender', 'holdall', 'suitcase', 'luggage', 'trunk', 'cardholder', 'belt', 'keepall', 'shopper', 'minaudiere', 'bumbag', 'flap'],
  },
  {
    names: ['sneaker', 'shoe', 'footwear', 'trainer', 'boot'],
    words: ['sneaker', 'shoe', 'trainer', 'runner', 'boot', 'hightop', 'slide', 'sandal', 'cleat', 'kick', 'footwear', 'loafer', 'mule', 'slipper', 'spike'],
  },
  {
    names: ['clothing', 'apparel', 'fashion', 'streetwear', 'outerwear', 'sportswear', 'menswear', 'womenswear', 'clothes'],
    words: ['hoodie', 'jean', 'jacket', 'shirt', 'tee', 'sweatshirt', 'sweater', 'jumper', 'trouser', 'pant', 'chino', 'dress', 'skirt', 'coat', 'parka', 'puffer', 'fleece', 'gilet', 'anorak', 'raincoat', 'windbreaker', 'cap', 'beanie', 'jogger', 'tracksuit', 'denim', 'cardigan', 'polo', 'sock', 'legging', 'blouse', 'vest', 'crewneck'],
  },
  {
    names: ['electronic', 'electronics', 'phone', 'mobile', 'computer', 'tech', 'gadget'],
    words: ['phone', 'smartphone', 'laptop', 'tablet', 'earbud', 'earphone', 'headphone', 'smartwatch', 'charger', 'computer', 'console', 'tv', 'television', 'monitor', 'speaker', 'projector', 'handset', 'desktop'],
  },
  {
    names: ['audio', 'headphone', 'hifi', 'sound'],
    words: ['headphone', 'earbud', 'earphone', 'speaker', 'soundbar', 'headset', 'amplifier', 'subwoofer', 'hifi', 'stereo', 'soundlink'],
  },
  {
    names: ['watch', 'timepiece', 'horology'],
    words: ['watch', 'wristwatch', 'chronograph', 'timepiece', 'dial', 'bezel', 'diver', 'gmt'],
  },
  {
    names: ['camera', 'photography', 'photo'],
    words: ['camera', 'lens', 'dslr', 'mirrorless', 'camcorder', 'speedlite', 'viewfinder', 'slr'],
  },
  {
    names: ['sunglass', 'eyewear', 'optical'],
    words: ['sunglass', 'shade', 'glass', 'eyewear', 'frame', 'spectacle', 'aviator', 'wayfarer'],
  },
  {
    names: ['jewellery', 'jewelry', 'charm', 'bijoux'],
    words: ['bracelet', 'necklace', 'ring', 'bangle', 'charm', 'pendant', 'earring', 'anklet', 'brooch', 'jewellery', 'jewelry', 'locket', 'bead', 'chain'],
  },
  {
    names: ['perfume', 'fragrance', 'parfum', 'cosmetic', 'beauty', 'makeup'],
    words: ['perfume', 'fragrance', 'parfum', 'eau', 'toilette', 'cologne', 'scent', 'edp', 'edt', 'lipstick', 'mascara', 'foundation', 'palette', 'blush', 'serum'],
  },
  {
    names: ['personal care', 'toiletry', 'toiletries', 'hygiene', 'skincare', 'haircare', 'health beauty'],
    words: ['soap', 'shampoo', 'conditioner', 'deodorant', 'antiperspirant', 'lotion', 'moisturiser', 'moisturizer', 'cream', 'wash', 'gel', 'cleanser', 'toiletry', 'toiletries', 'bodywash'],
  },
  {
    names: ['toy', 'game', 'hobby', 'kid'],
    words: ['toy', 'set', 'brick', 'minifigure', 'minifig', 'figure', 'playset', 'kit', 'puzzle', 'doll', 'game'],
  },
  {
    names: ['home appliance', 'appliance', 'household', 'kitchen appliance'],
    words: ['vacuum', 'hoover', 'dryer', 'hairdryer', 'purifier', 'fan', 'heater', 'styler', 'humidifier', 'blender', 'kettle', 'toaster', 'appliance', 'straightener', 'curler'],
  },
];

/** Singular of a folded English word, by its ending: enough to match "totes" with "tote" and "sunglasses" with "sunglass". */
export function singular(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

const wordsOf = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0)
    .map(singular);

const familyIndex = new Map<string, CategoryFamily[]>();
for (const family of FAMILIES) for (const name of family.names) familyIndex.set(wordsOf(name).join(' '), [...(familyIndex.get(wordsOf(name).join(' ')) ?? []), family]);
/** Each family's words as text is read: singular, like the words they are compared with. */
const familyWords = new Map(FAMILIES.map((family) => [family, family.words.map(singular)]));

/** The families a category name belongs to: by its whole name, then by each of its words. */
function familiesOf(category: string): CategoryFamily[] {
  const words = wordsOf(category);
  const whole = words.join(' ');
  const found = new Set(familyIndex.get(whole) ?? []);
  if (found.size === 0) for (const word of words) for (const family of familyIndex.get(word) ?? []) found.add(family);
  return [...found];
}

const categoryWordCache = new Map<string, ReadonlySet<string>>();
const CACHE_LIMIT = 10_000;

/** The product nouns (singular) of a category: its families' words and the category's own words. */
export function categoryWords(category: string | null | undefined): ReadonlySet<string> {
  if (!category) return new Set();
  const cached = categoryWordCache.get(category);
  if (cached) return cached;
  const own = wordsOf(category).filter((word) => word.length > 2 && !['and', 'the', 'for', 'other'].includes(word));
  const words = new Set([...own, ...familiesOf(category).flatMap((family) => familyWords.get(family)!)]);
  if (categoryWordCache.size < CACHE_LIMIT) categoryWordCache.set(category, words);
  return words;
}

/** Two category names mean the same goods: equal once normalised, or of a common family. */
export function sameCategory(a: string, b: string): boolean {
  const left = wordsOf(a).join(' ');
  const right = wordsOf(b).join(' ');
  if (left === right) return true;
  const families = new Set(familiesOf(a));
  return familiesOf(b).some((family) => families.has(family));
}
