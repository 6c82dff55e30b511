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
  /**
   * the cue needs a brand mention just after ("inspired by Chanel") or just before
   * ("Chanel-inspired"), or anywhere in the listing ('listing': words that say something only
   * of branded goods, "OEM", "factory seconds", "no box, DM for details")
   */
  brand?: 'after' | 'before' | 'listing';
}

// "not a replica", "we never sell fakes", "don't buy counterfeits", "no replicas or fakes", "unlike cheap copies":
// a negation, at most one verb, an article, and the cue may be the second of a pair ("replicas or fakes")
// Speaking against fakes counts the same: "worried about fakes", "protect yourself from
// counterfeits", "warning about knock-offs", "our anti-counterfeit label".
const NEGATION =
  /\b(not|no|never|non|nor|without|zero|avoid|beware of|spot|spotting|detect|identify|against|anti|free from|guaranteed not|don ?t|do not|won ?t|will not|unlike|vs|versus|instead of|rather than|no more|worr(y|ied|ies) about|concerned about|wary of|warn(s|ed|ing|ings)? (about|of|against)|protect(s|ed|ing)? (you|yourself|yourselves|buyers|customers|shoppers|fans) (from|against)|report(ing)?|fight(s|ing)?|combat(s|ing|ting)?|crack(ing)? down on)\s+((sell|sells|selling|sold|buy|ship|offer|stock|carry|deal in|deals in|tolerate|accept|allow)\s+)?(a |an |the |any |of |cheap |cheaper )?([a-z0-9]+(\s+or|\s+and|\s+nor|,)\s+(a |an |any )?)?$|\banti-$/;

/**
 * The cue is the subject of a statement about fakes in general, not a description of this item:
 * "counterfeit tumblers are sold online", "knock-off bricks may not meet safety standards". A
 * brand's own store warns its buyers this way.
 */
export const GENERAL_STATEMENT_AFTER =
  /^s?\s+([a-z0-9-]+\s+){0,2}?(may not|might not|cannot|can ?t|could (harm|hurt|damage|contain|put)|won ?t|will not|do not|don ?t|does not|doesn ?t|often|are (sold|common|everywhere|circulating|out there|widespread|increasingly|on the rise|flooding)|flood|circulate|harm|hurt|put (you|buyers|your)|lack|fail)\b/;

const REPLICA_BENIGN_AFTER =
  /^\W{0,3}(of (the |a |an )?)?([a-z0-9'-]+ ){0,4}(souvenirs?|models?|props?|figurines?|statues?|sculptures?|ships?|boats?|trains?|locomotives?|aircraft|airplanes?|planes?|cars?|kits?|jerseys?|shirts?|football|soccer|fossils?|skulls?|swords?|helmets?|coins?|paintings?|posters?|maps?|buildings?|towers?|furniture|artifacts?|antiques?|guns?|pistols?|rifles?|medals?|bones?|dinosaurs?|moon|globes?|skeletons?|teeth|tooth|claws?|casts?|busts?|relics?)\b|^\W{0,3}(of (the |a |an )?)?([a-z0-9'-]+ ){0,3}?(ancient|antique|medieval|roman|greek|egyptian|viking|victorian|edwardian|georgian|civil war|world war|wwi|wwii|ww1|ww2|historical|historic|period|\d{1,2}(st|nd|rd|th)[\s-]century|\d{3,4}s?)\b/;
const REPLICA_BENIGN_BEFORE = /(scale|museum|souvenir|display|movie|film|prop|toy|decorative|official|officially licensed|licensed|history|historical|historically accurate|home|away|cast|resin|plaster|skeleton|skull|fossil|tooth|claw|1:\d{2,3}|(ancient|antique|medieval|roman|greek|egyptian|viking|victorian|\d{1,2}(st|nd|rd|th)[\s-]century)[a-z\s-]{0,30})[\s-]*$/;

export const CUE_RULES: readonly CueRule[] = [
  {
    id: 'replica',
    strength: 'strong',
    on: 'plain',
    // "replika" (German, Polish, Turkish); "#replicabags" and the like in hashtags
    pattern: /(?<![a-z0-9])(r[e3]p[l1|][i1!l][ck][a4@]s?|replicated|r[e3]pl[i1]k[a4][sy]?)(bags?|handbags?|purses?|shoes|sneakers|watch(es)?|jewelry|jewellery)?(?![a-z0-9])/g,
    benignAfter: REPLICA_BENIGN_AFTER,
    benignBefore: REPLICA_BENIGN_BEFORE,
    negatable: true,
  },
  {
    id: 'one_to_one',
    strength: 'strong',
    on: 'plain',
    pattern: /(?<![\d:.])1\s*[:]\s*1(?![\d:]|\.\d)|\b(1|one)[\s-]*(to|for)[\s-]*(1|one)\s+(copy|copies|replica|quality|version|clone)\b/g,
    benignAfter:
      /^\W{0,2}(aspect|ratio|scale|square|crop|cropped|format|photos?|images?|pixels?|consultations?|coaching|sessions?|lessons?|tutoring|mentoring|calls?|meetings?|support|mix|mixing|dilution|replacement|brackets?|size|sized|model|models|figure|copy of the (photo|image)|match(ing)? (funds|donation)|exchange|trade|swap|ratios?)\b/,
    // "life-size 1:1 skeleton"; "clone drives 1:1" (a disk's copy, sector for sector)
    benignBefore: /(aspect ratio|ratio|ratio of|scale|scale of|format|mix|mixed|mixing|dilute|diluted|at a|in a|square|exchange|trade|swap|(life|full|true|actual)[\s-]*size[ds]?|(clone|clones|cloning|copy|copies|copying|duplicate|duplicates|duplicating|mirror|mirrors|mirroring|image|imaging|back up|backup)\s+(the\s+|your\s+)?(drives?|disks?|ssds?|hdds?|partitions?|data|files|sd cards?|usb sticks?))\s*$/,
  },
  {
    id: 'triple_a',
    strength: 'strong',
    on: 'plain',
    pattern: /\b(aaa+\+*|3a)(?=[\s,.!):;-]|$)/g,
    benignAfter:
      /^\+*\s*(batter(y|ies)|cells?|size|alkaline|rechargeable|rated|rating|games?|titles?|insurance|membership|roadside|bonds?|credit|status|level|hockey|baseball|league|team|pearls?|akoya|tahitian|diamonds?|tanzanite|saffron|maple|syrup|sapphires?|rubies|ruby|emerald|jade|amber|honey|tuna|eggs?|gold)\b|^\+*[\s-]*(grade|quality|rated)?[\s-]*(tempered |toughened |optical )?(glass|screen|protectors?|lens(es)?|wood|timber|hardwood|oak|walnut|beef|wagyu|steak|coffee|beans?|rice|tea|lumber|plywood|paper|crystals?|quartz|gemstones?|opals?|amethysts?|topaz|garnets?|aquamarines?|turquoise|moissanite|cubic zirconia|cz)\b/,
    // a gem's grade: "tanzanite oval 2.1ct, AAA grade"
    benignBefore: /(size|type|x|\d+\s*x|batteries|battery|pack of \d+|\d+[\s-]*pack|triple|grade|rated|rating)\s*$|(\d\s*(ct|cts|carats?|cttw)|pearls?|diamonds?|sapphires?|rubies|ruby|emeralds?|tanzanite|opals?|amethysts?|topaz|garnets?|aquamarines?|tourmalines?|morganite|spinel|peridot|citrine|jade|moissanite)\b[^.!?\n]{0,25}$/,
  },
  { id: 'triple_a', strength: 'strong', on: 'plain', pattern: /\b(aaa+|3a|top)[\s-]*(grade|quality|class)\s+(copy|replica|version|bags?|watch(es)?|shoes|sneakers)\b/g },
  // the grades replica sellers give ("7A quality", "top 9A"); the same letters grade human hair
  { id: 'replica_grade', strength: 'strong', on: 'plain', pattern: /\b([5-9]|10)a\+?[\s-]*(quality|grade|level|version|top|original)\b|\btop[\s-]*([5-9]|10)a\b/g, benignAfter: /^[\s-]*(virgin |remy |human |brazilian |peruvian )*(hair|weave|bundles?|wigs?|extensions?)\b/ },
  { id: 'mirror_quality', strength: 'strong', on: 'leet', pattern: /\bmirror[\s-]*(quality|grade|copy|copies|replica|version|image quality|level|original)\b/g },
  { id: 'same_factory', strength: 'strong', on: 'leet', pattern: /\bsame\s+(factory|manufacturer|production\s+line|materials?\s+as\s+(the\s+)?original)\b/g },
  {
    id: 'factory_overrun',
    strength: 'weak',
    on: 'leet',
    pattern:
      /\b(factory|oem|production)[\s-]+(overruns?|seconds|rejects?|leftovers?|surplus|excess)\b|\boverruns?[\s-]+(stock|goods|items|pieces|batch|production|runs?)\b|\bleftover\s+(stock|goods|items|pieces)\s+from\s+the\s+(factory|manufacturer)\b|\bexport\s+(surplus|overruns?|leftovers?)\b|\b(original|oem)\s+factory\s+(quality|version)\b/g,
    // honest for unbranded goods ("factory seconds" of a pottery); a branded listing's story of where its goods came from
    brand: 'listing',
  },
  {
    id: 'copy',
    strength: 'strong',
    on: 'leet',
    pattern: /\b(super|top|high|1st|first|master|premium|best|perfect|exact|highest|a[\s-]*grade|grade[\s-]*a|high[\s-]*end|luxury)[\s-]*(quality[\s-]*|grade[\s-]*)?(copy|copies|clone|clones)\b/g,
    benignAfter: /^\s+of\s+(the|this|my|a|an|his|her)\s+([a-z]+\s+)?(book|novel|album|record|vinyl|game|film|movie|magazine|zine|manual|receipt|invoice|certificate|edition|issue|comic)/,
    negatable: true,
  },
  // copy in other languages, with the word that makes it a claim ("copia exacta", "perfekte Kopie")
  { id: 'copy', strength: 'strong', on: 'leet', pattern: /\b(copia|kopie|kopya|copie|copy)\s+(exacta|perfecta|identica|exakte|perfekte|esatta|perfetta|parfaite|identique|conforme|birebir)\b|\b(exakte|perfekte|beste|perfecta|exacta)\s+(kopie|copia|copie)\b/g },
  {
    id: 'same_as_original',
    strength: 'weak',
    on: 'leet',
    pattern:
      /\b(same|identical|indistinguishable)\s+(as|to|from|like)\s+(the\s+|an?\s+)?(original|real|authentic|genuine|boutique|retail)(\s+(one|ones|thing|item|product|version|pieces?))?\b|\b(cannot|can ?not|can ?t|nobody (can|could|will)|no one (can|could|will)|impossible to|won ?t)\s+(even\s+)?(tell|see|spot|notice)\s+(the\s+|any\s+)?difference\b|\b(99|100)\s*%\s*(same|identical)\b|\bquality\s+(same\s+as|like|as)\s+(the\s+)?original\b/g,
    benignAfter: /^\s*(photos?|pictures?|images?|listing|description|packaging|box|price|size|sizing|fit|dimensions|specs?|specifications|parts?|colou?r)\b/,
    negatable: true,
  },
  // "OEM AirPods", "the OEM version": said of a branded product, a copy made beside the real one
  { id: 'oem', strength: 'weak', on: 'plain', pattern: /\boem\b/g, benignAfter: /^[\s-]*(part|parts|replacement|number|no\b|#|spec|equivalent|fit|fitment|filters?|batter(y|ies)|cartridges?|toner|ink|wheels?|rims?|brakes?|pads?|sensors?|bulbs?)/, benignBefore: /(replacement|compatible|aftermarket|or|and|genuine)\s*$/, brand: 'listing', negatable: true },
  // evasive: no box or papers and "ask"/"DM" for details or real pictures (a branded listing only)
  {
    id: 'evasive_details',
    strength: 'weak',
    on: 'leet',
    pattern: /\bno\s+(original\s+)?(box|papers|receipt|card|tags?|certificate|paperwork|packaging)\b[^\n]{0,40}?\b(ask|dm|message|pm|inbox|contact|whatsapp|text)\b(\s+me)?\s+(for|about)\b|\b(dm|message|ask|pm|contact|whatsapp)\s+(me\s+)?for\s+(the\s+)?(real|actual|live)\s+(pics|photos|pictures)\b/g,
    brand: 'listing',
  },
  // sneaker and streetwear slang for copies: "reps", "PK batch", "UA" (unauthorized authentic)
  { id: 'reps', strength: 'weak', on: 'plain', pattern: /\breps\b/g, benignBefore: /(\d+\s*|sales |gym |customer |service |our |sets? of |x\s*)$/, benignAfter: /^\s*(of|x|per|each|a day|sets?)\b/, brand: 'listing', negatable: true },
  { id: 'reps', strength: 'weak', on: 'plain', pattern: /\b(pk|ljr|og|h12|gx|god|top|best|budget|m)[\s-]*batch\b|\bua[\s-]+(quality|version|grade|batch|pair)\b|\bunauthori[sz]ed\s+authentic\b/g, brand: 'listing' },
  // a monogram's letter without the brand: "G-pattern canvas", "double G belt", "interlocking C"
  { id: 'monogram_letter', strength: 'weak', on: 'plain', pattern: /(?<![a-z0-9'])[b-hj-z][\s-]+(pattern|monogram)\b|\b(double|interlocking|interlinked|intertwined|twin)[\s-]+[b-z]\b(?![\s-]*(bed|room|decker|glazed|glazing|cream|barrel|chin|door|size))/g, benignAfter: /^[\s-]*(gear|shift|shifter|shifting|gearbox|transmission|knit|stitch|weld|brake)/ },
  { id: 'designer_inspired', strength: 'weak', on: 'leet', pattern: /\bdesigner[\s-]+(inspired|style|look|dupe)\b/g },
  { id: 'imitation', strength: 'weak', on: 'leet', pattern: /\b(imitation|imitacion|imitazione)s?\b/g, benignAfter: /^\s*(leather|pearls?|suede|fur|wood|marble|stone|gold|silver|jewel(le)?ry|crocodile|croc|snake ?skin|ivory|rattan|grass|flowers?|plants?)\b/, negatable: true },
  {
    id: 'counterfeit',
    strength: 'strong',
    on: 'plain',
    pattern: /(?<![a-z0-9])(c[o0]unt[e3]rf[e3][i1!]ts?|kn[o0]ck[\s-]?[o0]ffs?|b[o0][o0]tl[e3]gs?)(?![a-z0-9])/g,
    negatable: true,
    // goods that find fakes: "counterfeit money detector pen", "counterfeit bill checker"
    benignAfter: /^[\s-]*(money|bills?|banknotes?|notes?|currency|cash|coins?)?[\s-]*(detect(or|ors|ion|ing)?|check(er|ers|ing)?|test(er|ers|ing)?|pens?|markers?|scanners?|lamps?|protection|prevention|awareness|proof)\b/,
  },
  {
    id: 'fake',
    strength: 'weak',
    on: 'leet',
    pattern: /\bfakes?\b/g,
    negatable: true,
    benignAfter:
      /^\s*(fur|leather|suede|plants?|flowers?|eye ?lash(es)?|lashes|nails?|grass|snow|blood|tattoos?|moustache|mustache|beard|tan|money|news|books?|trees?|candles?|fruits?|food|cake|plant|succulents?|ivy|foliage|wood|brick|stone|marble|teeth|vampire|glasses|piercings?|nose ring|id prop|window|wall|fireplace|security camera|camera|ficus|bills?|banknotes?|currency|notes? detect)\b|^\s*([a-z-]+\s+){1,2}(plants?|flowers?|trees?|succulents?|ivy|foliage|ficus|palms?|ferns?|grass|bonsai|orchids?|roses?|hedges?|moss)\b/,
  },
  { id: 'dupe', strength: 'weak', on: 'leet', pattern: /\b(dupes?|duped)\b/g, negatable: true },
  { id: 'inspired_by_brand', strength: 'weak', on: 'leet', pattern: /\binspired\s+by\b/g, brand: 'after' },
  { id: 'brand_style', strength: 'weak', on: 'leet', pattern: /^[\s-]*(inspired|style|styled|look|lookalike|alike|type|vibes?|esque|ish)\b/g, brand: 'before', benignAfter: /^\s*(code|number|no\b|#|id\b|guide|tips)/ },
  { id: 'looks_like_brand', strength: 'weak', on: 'leet', pattern: /\b(looks?|looking|feels?)\s+(just\s+|exactly\s+|identical\s+)?(like|as)\b/g, brand: 'after' },
  { id: 'lookalike', strength: 'weak', on: 'leet', pattern: /\blook[\s-]?a[\s-]?likes?\b/g },
  // the seller points at a brand without naming it: "brand in the last pic", "not naming it",
  // "starts with H, ends with S", "you know which one", "that Parisian jeweler"
  {
    id: 'brand_withheld',
    strength: 'weak',
    on: 'leet',
    pattern:
      /\b(brand|logo|label|name|tag)( name)? (is )?(only |shown |visible )?(in|on) (the )?(last |first |second |third |other |\d+(st|nd|rd|th) )?(pics?|photos?|pictures?|images?|slides?)\b|\bbrand( name)? (not|isn t|is not|left out of|kept out of) (in |mentioned|named|shown|written|listed|the title)|\bnot (naming|saying|mentioning|writing) (it|the brand|the name|names|which)\b|\b(can ?t|cannot|won ?t|not allowed to|unable to) (say|name|mention|write|show|post) (the )?(brand|name|which brand|the real name)\b|\b(ask|dm|message|pm) (me )?(for |about )?(the )?(brand|real name)( privately| in private| in dm)?\b|\b(brand|name) (starts|begins|starting|beginning) with (an? )?[a-z]\b|\bstarts with [a-z],? (and )?ends with [a-z]\b|\byou know (which|what brand|the brand|who makes|what it is|which one|who)\b|\bfor obvious reasons\b|\bbrand (on|in) (the )?(box|tag|label|photos?|pics?) (is )?(blurred|hidden|covered|cropped)\b|\b(the|that) (famous |iconic |big |well[\s-]known )?(italian|french|parisian|paris|milan|milanese|roman|florentine|german|danish|swiss|spanish|british|english|london|american|new york|japanese|swedish|canadian|korean|dutch|belgian) (luxury |fashion |sports |sportswear |sneaker |designer |toy |watch |jewelry |jewellery )?(brand|house|label|jeweler|jeweller|maison|designer|company|watchmaker|fashion house)\b/g,
  },
  // the replica trade's own words (r/FashionReps and r/RepSneakers glossaries, the shopping agents
  // and storefronts they link): "W2C" (where to cop), "QC pics", "GL/RL" (green or red light),
  // "retail materials", factory and batch names; said of branded goods, or outright storefronts
  {
    id: 'rep_slang',
    strength: 'weak',
    on: 'plain',
    pattern:
      /\b(w2c|wtc|where to cop|qc (pics?|photos?|pictures?|set|check)|quality check (pics?|photos?)|gl ?\/ ?rl|green ?light(ed)?|red ?light(ed)?|retail (materials?|quality|leather)|budget (version|pair)|best version|top tier|(yupoo|weidian|taobao|pandabuy|cssbuy|wegobuy|superbuy|sugargoo|hoobuy|cnfans|mulebuy|allchinabuy|kakobuy|acbuy) (link|store|seller|haul|finds?)?|(vsf|vs|zf|cf|clean|noob|arf|apsf|bvf|ppf|3kf|jf|ipf|gmf|ewf|om|tw|dj)[\s-]*factory)\b/g,
    brand: 'listing',
  },
  {
    id: 'rep_slang',
    strength: 'weak',
    on: 'plain',
    pattern: /\b(w2c|yupoo|pandabuy|cssbuy|wegobuy|superbuy|sugargoo|hoobuy|cnfans|mulebuy|allchinabuy|kakobuy|reps? spreadsheet|spreadsheet of (reps|finds))\b/g,
  },
  // counterfeit words of other languages written in Latin letters (folded: accents removed)
  {
    id: 'replica',
    strength: 'strong',
    on: 'plain',
    pattern: /\b(hang (fake|nhai|gia|replica|rep)|like auth|super fake|kw ?(super|premium|1)?|bukan (ori|original|asli)|barang (kw|palsu)|cakma|a kalite|falsificad[oa]s?|falsificacao|falsos?|imitacao|faelschung|fälschung|falschung|nachbildung|contrefacon|contrefaite?s?|copie conforme|contraffatt[oi]|taklit|sahte)\b/g,
    negatable: true,
  },
  {
    id: 'unbranded_with_logo',
    strength: 'weak',
    on: 'leet',
    pattern: /\b(unbranded|no[\s-]?brand|non[\s-]?branded|generic|without (a )?brand|no name)\b[^.!?\n]{0,60}?(?<!\bno |\bwithout |\bnot |\bzero )\b(with|has|have|bearing|carries|carrying|printed|embossed|stamped)\b[^.!?\n]{0,25}?\blogos?\b/g,
  },
  { id: 'original_quality', strength: 'weak', on: 'leet', pattern: /\b(authentic|original|genuine)[\s-]+(quality|grade|look)\b/g, benignBefore: /\b(its|their|the|to|back to|restored|keeps?|kept|retains?|retained)\s*$/ },
  {
    id: 'not_authentic',
    strength: 'weak',
    on: 'leet',
    pattern: /\bnot\s+(100%\s+)?(authentic|genuine|original)\b/g,
    benignAfter: /^\s*(box|boxes|packaging|package|receipt|owner|strap|bracelet|band|charger|cable|dust ?bag|tags?|accessories|lens cap|paperwork|papers|invoice|buyer|price|listing|photos?|pictures?|case|lid|laces|insoles?)\b/,
  },
];

export const NEGATION_BEFORE = NEGATION;

/**
 * Counterfeit words in scripts the folding does not keep (Chinese, Japanese, Korean, Cyrillic,
 * Thai, Arabic), matched in the text as written: replica, high copy, "A goods", first-grade copy,
 * mirror grade, fake.
 */
export const OTHER_SCRIPT_CUES: readonly { id: string; pattern: RegExp }[] = [
  { id: 'replica', pattern: /(复刻|高仿|精仿|仿品|仿货|原单|超A|A货|假货|山寨|莆田|顶级版本|レプリカ|スーパーコピー|コピー品|偽物|N級品?|パチモン|模造品|짝퉁|레플리카|레플|미러급|가품|이미테이션|S급|реплик[аиу]|подделк[аиу]|точная копия|люкс копия|фейк|ของก๊อป|ก๊อปเกรด|เกรดมิลเลอร์|งานเหมือนแท้|ของปลอม|تقليد|ماستر كوالتي|كوبي ون|هاي كوبي)/giu },
];

/**
 * A listing that names no brand and says it copies none ("our own design", "no logo", "no brand
 * copied"): its "dupe" is an affordable alternative, not a lookalike of anyone's goods.
 */
export const DISCLAIMS_COPYING =
  /\b(our|my|its) own (design|formula|formulation|recipe|pattern|brand|label|line)\b|\b(no|without|zero|not any) (the |a |any )?(logos?|branding|brand names?|trademarks?|brand (copied|logos?|names?))\b|\bno brand(s)? (is |are )?(copied|used|named|involved)\b|\bnot affiliated with\b/;

/** Rules a listing that names no brand and disclaims copying does not break. */
export const ALTERNATIVE_RULES: ReadonlySet<string> = new Set(['dupe', 'lookalike', 'designer_inspired']);
