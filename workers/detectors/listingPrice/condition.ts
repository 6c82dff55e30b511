/**
 * The condition a listing's own words give its goods: pre-owned goods sell second-hand, below the
 * new range, and are priced against a band of their own (listingPrice/index.ts). A listing is read
 * as pre-owned when it says so ("used", "pre-owned", "worn twice", "well loved", "date code",
 * "bought in 2019", "signs of wear"; and the words for second-hand in the languages below) and
 * does not also say it is new ("brand new", "never worn", "sealed", "new with tags").
 *
 * Written by hand, not taken from a library: the words are few, the check is one pass of two
 * expressions over text already folded by the brand reader, and no npm package reads item
 * condition from free text.
 *
 * Misses: condition shown only in photos; a seller who calls a new fake "used" to pass under the
 * new range (the pre-owned band still catches prices far below it); other languages than those
 * listed; condition grades without these words ("A-rank", "9/10").
 */

export type ListingCondition = 'new' | 'pre_owned' | 'unstated';

export interface ConditionReading {
  condition: ListingCondition;
  /** the words that gave it, as written (folded) */
  phrase: string | null;
}

// folded text: lower case, accents removed, lookalikes folded (listingText/foldText.ts)
const PRE_OWNED =
  /\b(used|pre[\s-]?owned|pre[\s-]?loved|second[\s-]?hand|secondhand|worn (once|twice|a few times|a couple of times|\d+ times|for|in|on|two|three|one|a (season|year|summer|winter))|well[\s-]?(loved|worn)|gently (used|worn|loved)|lightly (used|worn)|signs of (wear|use)|wear (on|to) the|date code|dated (19|20)\d\d|(bought|purchased|got it|gifted) (it )?(in|at|from|on)\b[^.!?\n]{0,40}\b(19|20)\d\d|vintage|patina|preowned|usad[oa]s?|seminuev[oa]|de segunda mano|d ?occasion|gebraucht|getragen|usat[oa]|di seconda mano|da qua su dung|qua su dung|ikinci el|bekas)/;
// letters the folding does not keep (CJK, Thai, Cyrillic): matched in the text as written
const PRE_OWNED_OTHER_SCRIPTS = /(中古|二手|중고|มือสอง|б\/у|подержанн|поношенн)/i;
const NEW =
  /\b(brand[\s-]?new|never (been )?(used|worn|opened)|unused|unworn|unopened|(factory )?sealed|new with(out)? tags|new in (the )?box|nwt|nwot|bnwt|bnib|nib|deadstock|ds)\b/;

/** `fields`: each field as written and folded. */
export function readCondition(fields: readonly { text: string; folded: { text: string } }[]): ConditionReading {
  let preOwned: string | null = null;
  for (const field of fields) {
    const newMatch = NEW.exec(field.folded.text);
    if (newMatch) return { condition: 'new', phrase: newMatch[0] };
    preOwned ??= PRE_OWNED.exec(field.folded.text)?.[0] ?? PRE_OWNED_OTHER_SCRIPTS.exec(field.text)?.[0] ?? null;
  }
  return preOwned === null ? { condition: 'unstated', phrase: null } : { condition: 'pre_owned', phrase: preOwned };
}
