/**
 * The phrases sellers of knockoffs use, and the benign senses of the same words. Patterns run on
 * folded text (lowercase ASCII, lookalikes folded): `plain` keeps digits ("1:1", "AAA"), `leet`
 * reads digits between letters as letters ("r3plica"). `benignBefore`/`benignAfter` test the
 * folded text just before or after a match: a match with a benign neighbour is no cue.
 */

export type CueStrength = 'strong' | 'weak';

export interface CueRule {
  id: string;
  strength: CueStrength;
  on: 'plain' | 'leet';
  pattern: RegExp;
  benignBefore?: RegExp;
  benignAfter?: RegExp;
  /** "not a replica", "beware of fakes": a negation just before cancels the cue */
  negatable?: boolean;
  /** the cue needs a brand mention just after ("inspired by Chanel") or just before ("Chanel-inspired") */
  brand?: 'after' | 'before';
}

// "not a replica", "we never sell fakes", "don't buy counterfeits": a negation, at most one verb, an article
const NEGATION = /\b(not|no|never|non|nor|without|zero|avoid|beware of|spot|spotting|detect|identify|against|anti|free from|guaranteed not|don't|do not|won't|will not)\s+((sell|sells|selling|buy|ship|offer|stock|carry|deal in|tolerate|accept)\s+)?(a |an |the |any |of )?$/;

const REPLICA_BENIGN_AFTER =
  /^\W{0,3}(of (the |a |an )?)?([a-z0-9'-]+ ){0,4}(souvenirs?|models?|props?|figurines?|statues?|sculptures?|ships?|boats?|trains?|locomotives?|aircraft|airplanes?|planes?|cars?|kits?|jerseys?|shirts?|football|soccer|fossils?|skulls?|swords?|helmets?|coins?|paintings?|posters?|maps?|buildings?|towers?|furniture|artifacts?|antiques?|guns?|pistols?|rifles?|medals?|bones?|dinosaurs?|moon|globes?)\b/;
const REPLICA_BENIGN_BEFORE = /(scale|museum|souvenir|display|movie|film|prop|toy|decorative|official|officially licensed|licensed|history|historical|home|away|1:\d{2,3})[\s-]*$/;

export const CUE_RULES: readonly CueRule[] = [
  { id: 'replica', strength: 'strong', on: 'plain', pattern: /(?<![a-z0-9])(r[e3]p[l1|][i1!l][ck][a4@]s?|replicated)(?![a-z0-9])/g, benignAfter: REPLICA_BENIGN_AFTER, benignBefore: REPLICA_BENIGN_BEFORE, negatable: true },
  {
    id: 'one_to_one',
    strength: 'strong',
    on: 'plain',
    pattern: /(?<![\d:.])1\s*[:]\s*1(?![\d:]|\.\d)|\b(1|one)[\s-]*(to|for)[\s-]*(1|one)\s+(copy|copies|replica|quality|version|clone)\b/g,
    benignAfter:
      /^\W{0,2}(aspect|ratio|scale|square|crop|cropped|format|photos?|images?|pixels?|consultations?|coaching|sessions?|lessons?|tutoring|mentoring|calls?|meetings?|support|mix|mixing|dilution|replacement|brackets?|size|sized|model|models|figure|copy of the (photo|image)|match(ing)? (funds|donation)|exchange|trade|swap|ratios?)\b/,
    benignBefore: /(aspect ratio|ratio|ratio of|scale|scale of|format|mix|mixed|mixing|dilute|diluted|at a|in a|square|exchange|trade|swap)\s*$/,
  },
  {
    id: 'triple_a',
    strength: 'strong',
    on: 'plain',
    pattern: /\b(aaa+\+*|3a)(?=[\s,.!):;-]|$)/g,
    benignAfter: /^\+*\s*(batter(y|ies)|cells?|size|alkaline|rechargeable|rated|rating|games?|titles?|insurance|membership|roadside|bonds?|credit|status|level|hockey|baseball|league|team|pearls?|akoya|tahitian|diamonds?|tanzanite|saffron|maple|syrup|sapphires?|rubies|ruby|emerald|jade|amber|honey|tuna|eggs?|gold)\b/,
    benignBefore: /(size|type|x|\d+\s*x|batteries|battery|pack of \d+|\d+[\s-]*pack|triple|grade|rated|rating)\s*$/,
  },
  { id: 'triple_a', strength: 'strong', on: 'plain', pattern: /\b(aaa+|3a|top)[\s-]*(grade|quality|class)\s+(copy|replica|version|bags?|watch(es)?|shoes|sneakers)\b/g },
  { id: 'mirror_quality', strength: 'strong', on: 'leet', pattern: /\bmirror[\s-]*(quality|grade|copy|copies|replica|version|image quality|level|original)\b/g },
  { id: 'same_factory', strength: 'strong', on: 'leet', pattern: /\bsame\s+(factory|manufacturer|production\s+line|materials?\s+as\s+(the\s+)?original)\b/g },
  { id: 'factory_overrun', strength: 'weak', on: 'leet', pattern: /\b(factory|oem)\s+(overruns?|leftovers?|surplus|rejects?)\b|\b(original|oem)\s+factory\s+(quality|version)\b/g },
  { id: 'copy', strength: 'strong', on: 'leet', pattern: /\b(super|top|high|1st|first|master|premium|best|perfect|exact|highest)[\s-]*(quality[\s-]*|grade[\s-]*)?(copy|copies|clone|clones)\b/g },
  { id: 'counterfeit', strength: 'strong', on: 'plain', pattern: /(?<![a-z0-9])(c[o0]unt[e3]rf[e3][i1!]ts?|kn[o0]ck[\s-]?[o0]ffs?|b[o0][o0]tl[e3]gs?)(?![a-z0-9])/g, negatable: true },
  {
    id: 'fake',
    strength: 'weak',
    on: 'leet',
    pattern: /\bfakes?\b/g,
    negatable: true,
    benignAfter:
      /^\s*(fur|leather|suede|plants?|flowers?|eye ?lash(es)?|lashes|nails?|grass|snow|blood|tattoos?|moustache|mustache|beard|tan|money|news|books?|trees?|candles?|fruits?|food|cake|plant|succulents?|ivy|foliage|wood|brick|stone|marble|teeth|vampire|glasses|piercings?|nose ring|id prop|window|wall|fireplace|security camera|camera|ficus)\b/,
  },
  { id: 'dupe', strength: 'weak', on: 'leet', pattern: /\b(dupes?|duped)\b/g, negatable: true },
  { id: 'inspired_by_brand', strength: 'weak', on: 'leet', pattern: /\binspired\s+by\b/g, brand: 'after' },
  { id: 'brand_style', strength: 'weak', on: 'leet', pattern: /^[\s-]*(inspired|style|styled|look|lookalike|alike|type)\b/g, brand: 'before', benignAfter: /^\s*(code|number|no\b|#|id\b|guide|tips)/ },
  { id: 'looks_like_brand', strength: 'weak', on: 'leet', pattern: /\b(looks?|looking|feels?)\s+(just\s+|exactly\s+|identical\s+)?(like|as)\b/g, brand: 'after' },
  { id: 'lookalike', strength: 'weak', on: 'leet', pattern: /\blook[\s-]?a[\s-]?likes?\b/g },
  {
    id: 'unbranded_with_logo',
    strength: 'weak',
    on: 'leet',
    pattern: /\b(unbranded|no[\s-]?brand|non[\s-]?branded|generic|without (a )?brand|no name)\b[^.!?\n]{0,60}?(?<!\bno |\bwithout |\bnot |\bzero )\b(with|has|have|bearing|carries|carrying|printed|embossed|stamped)\b[^.!?\n]{0,25}?\blogos?\b/g,
  },
  { id: 'original_quality', strength: 'weak', on: 'leet', pattern: /\b(authentic|original|genuine)[\s-]+(quality|grade|look)\b/g },
  { id: 'not_authentic', strength: 'weak', on: 'leet', pattern: /\bnot\s+(100%\s+)?(authentic|genuine|original)\b/g },
];

export const NEGATION_BEFORE = NEGATION;
