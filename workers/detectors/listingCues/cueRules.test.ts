import { describe, expect, it } from 'vitest';
import type { BrandEntry } from '../../../core/listingScreening.ts';
import { screenListingText } from '../listingText/screenListingText.ts';

const brands: BrandEntry[] = [
  { key: 'gucci', name: 'Gucci', aliases: ['GG'], category: 'handbags', referencePrice: { currency: 'USD', min: 800, max: 4000 }, authorizedSellerIds: ['gucci-boutique'] },
  { key: 'apple', name: 'Apple', aliases: ['AirPods'], category: 'electronics', referencePrice: { currency: 'USD', min: 129, max: 2500 }, authorizedSellerIds: ['apple-store'] },
  { key: 'nike', name: 'Nike', aliases: ['Air Jordan'], category: 'sneakers', referencePrice: { currency: 'USD', min: 90, max: 260 }, authorizedSellerIds: ['nike-store'] },
];

const cues = (title: string, description = '') =>
  screenListingText({ title, description, price: { amount: 900, currency: 'USD' }, sellerId: 'someone' }, brands)
    .signals.filter((signal) => signal.code === 'listing.counterfeit_cue')
    .map((signal) => signal.evidence.cue)
    .sort();

describe('knockoff phrasings', () => {
  it.each([
    ['Gucci tote', 'These are factory seconds, tiny flaws only.', 'factory_overrun'],
    ['Gucci tote – overrun stock', '', 'factory_overrun'],
    ['Tote from the same factory as Gucci', '', 'same_factory'],
    ['Gucci wallet top-grade copy', '', 'copy triple_a'],
    ['Gucci wallet', 'Grade A copy, very close to the real one.', 'copy'],
    ['Gucci wallet copia exacta', '', 'copy'],
    ['Gucci wallet', 'Quality same as the original.', 'same_as_original'],
    ['Gucci wallet', 'Nobody can tell the difference from a real one.', 'same_as_original'],
    ['OEM AirPods Pro, sealed', '', 'oem'],
    ['Gucci belt bag', 'No box, ask for details.', 'evasive_details'],
    ['Gucci belt bag', 'No papers. DM for real pics.', 'evasive_details'],
    ['Gucci tote 7A quality', '', 'replica_grade'],
    ['Air Jordan reps, best batch', '', 'reps'],
    ['Nike trainers UA quality', '', 'reps'],
    ['G-pattern canvas tote', '', 'monogram_letter'],
    ['Double G belt, gold buckle', '', 'monogram_letter'],
    ['Designer inspired tote', '', 'designer_inspired'],
    ['Gucci tote', 'Imitación perfecta.', 'imitation'],
    ['Réplica Gucci tote', '', 'replica'],
    ['Gucci tote', '#replicabags #luxury', 'replica'],
    ['Gucci vibes tote', '', 'brand_style'],
    ['Gucci tote | original quality, not original', '', 'not_authentic original_quality'],
    ['Shoulder bag, brand shown in the second photo', '', 'brand_withheld'],
    ['Canvas tote', 'Not naming it here, you know which one.', 'brand_withheld'],
    ['Belt with the big buckle', 'Brand starts with G, ends with I.', 'brand_withheld'],
    ['Quilted bag from that famous French fashion house', '', 'brand_withheld'],
    ['Gucci loafers', 'W2C link in bio, QC pics on request', 'rep_slang'],
    ['Air Jordan 4, retail materials', '', 'rep_slang'],
    ['Sneakers from my Pandabuy haul', '', 'rep_slang'],
    ['Gucci diver watch, VSF factory, 3235 movement', '', 'rep_slang'],
    ['Túi xách hàng fake loại 1', '', 'fake replica'],
    ['Tas wanita KW super', '', 'replica'],
    ['手表 高仿 顶级', '', 'replica'],
    ['バッグ スーパーコピー', '', 'replica'],
    ['가방 미러급', '', 'replica'],
    ['Сумка реплика', '', 'replica'],
  ])('%s / %s → %s', (title, description, expected) => {
    expect(cues(title, description).join(' ')).toBe(expected);
  });
});

describe('benign senses', () => {
  it.each([
    ['AAA grade tempered glass screen protector', ''],
    ['Remote control car, AAA batteries included', ''],
    ['LED lights (needs 3 x AAA)', ''],
    ['Mirror-finish tray', ''],
    ['Camera with 1:1 aspect ratio', ''],
    ['Replica souvenir model of the Colosseum', '#replica #souvenir'],
    ['Gucci tote', 'Not a replica — genuine, with receipt.'],
    ['Gucci tote', 'We never sell replicas or fakes.'],
    ['Gucci tote', 'No replicas, no fakes, only the real thing.'],
    ['Gucci tote', 'Genuine, not original box.'],
    ['Gucci tote, serviced', 'Restored to its original look.'],
    ['Gucci tote', 'The item is the same as the original photos.'],
    ['OEM replacement filter, part no. 965-221', ''],
    ['Pottery bowls, factory seconds', ''],
    ['H-pattern gear shifter knob', ''],
    ['Imitation leather notebook cover', ''],
    ['Signed first edition copy', ''],
    ['7A grade virgin hair bundles', ''],
    ['Sales reps wanted', ''],
    ['Gucci tote, factory sealed', 'Factory reset done.'],
    ['Inspired by nature: linen shirt', ''],
    ['Case compatible with AirPods', ''],
    ['Gucci tote', 'Counterfeit bags flood the market; buy from authorized boutiques.'],
    ['Gucci tote', 'We know buyers are worried about fakes: receipt included.'],
    ['Gucci tote', 'Every piece carries our anti-counterfeit tag.'],
    ['Banknote checker, counterfeit detector pen', ''],
    ['Fake bamboo palm, 5 ft', ''],
    ['Life-size 1:1 dinosaur skull replica', ''],
    ['Replica 19th-century naval sword', ''],
    ['Rhodolite 3.4ct cushion, AAA', ''],
    ['Drive duplicator, clones disks 1:1', ''],
    ['Velvet blush — a dupe for the cult favourite', 'Our own formula, no brand copied.'],
    ['Pocket knife, brand new in box', ''],
  ])('no cue in %s / %s', (title, description) => {
    expect(cues(title, description)).toEqual([]);
  });
});
