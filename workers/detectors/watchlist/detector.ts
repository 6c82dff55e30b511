import type { DetectorModule, Signal } from '../../../core/signals.ts';
import { compareDateOfBirth, type DateOfBirthCheck } from './dateOfBirth.ts';
import { screenName, type NameMatch } from './matcher.ts';
import type { WatchlistIndex } from './watchlistIndex.ts';

/**
 * Sanctions and banned-party screening for seller vetting.
 *
 * Catches: the seller's legal name against listed individuals and the business name against
 * listed entities, across word order, case, punctuation, accents and non-Latin scripts
 * (transliterated), "LAST, First" list order, titles, legal forms (Ltd/LLC/GmbH/S.A.), joined or
 * split Arabic prefixes (Al-, Abdul), listed aliases (aka/fka/nka) and typos within an edit budget
 * that grows with word length. A date of birth that contradicts every listed one downgrades a
 * strong match to weak instead of clearing it, because listed dates are often wrong.
 *
 * Misses: phonetic variants beyond the edit budget (Jusuf/Yousef), nicknames and translated
 * names, initials, words run together or split apart other than the Arabic prefixes, a business
 * name that is only the distinctive word of a longer listed name ("Zorvane" for "Zorvane Maritime
 * Trading LLC": one matching word is never enough), person names hidden inside a business name (a
 * business is only screened against entities), vessels and aircraft, and aliases OFAC keeps only
 * in the Remarks column. Lists are only as fresh as the last load.
 *
 * Privacy: signals are stored in workflow histories and in the signals table, which outlive an
 * erasure request. A listed name that matched is, by definition, close to the seller's own name,
 * so evidence cites the list, the entry id and the score (and which alias kind matched), never a
 * name or the seller's date of birth; a moderator looks the entry up on the list.
 */

export interface WatchlistInput {
  personName: string;
  businessName?: string;
  /** ISO date or year; used only to soften a strong person match it contradicts */
  dateOfBirth?: string;
  index: WatchlistIndex;
}

export interface WatchlistThresholds {
  /** at or above: `watchlist.strong_match`, critical */
  strongMatch: number;
  /** at or above (and below strong): `watchlist.weak_match`, medium */
  weakMatch: number;
}

// A moderator needs the few best candidates, not every faint echo of a common name.
const MAX_SIGNALS_PER_FIELD = 3;

type Field = 'person' | 'business';

export const watchlistDetector: DetectorModule<WatchlistInput, WatchlistThresholds> = {
  id: 'watchlist',
  version: '1.1.0',
  description: 'Screens the seller\'s legal name and business name against sanctions and banned-party lists.',
  thresholds: { strongMatch: 0.92, weakMatch: 0.8 },

  detect(input, thresholds = watchlistDetector.thresholds) {
    if (input.index.entryCount === 0) {
      // Screening against nothing would pass every seller; that must never look like "clean".
      throw new Error('watchlist index is empty: no list was loaded');
    }
    const signals: Signal[] = [];
    const screen = (field: Field, name: string) => {
      const role = field === 'person' ? 'person' : 'organisation';
      const matches = screenName(input.index, name, role, { minScore: thresholds.weakMatch, limit: MAX_SIGNALS_PER_FIELD });
      for (const match of matches) signals.push(toSignal(field, match, input.dateOfBirth, thresholds));
    };
    screen('person', input.personName);
    if (input.businessName !== undefined && input.businessName.trim() !== '') screen('business', input.businessName);
    return signals;
  },
};

function toSignal(field: Field, match: NameMatch, dateOfBirth: string | undefined, thresholds: WatchlistThresholds): Signal {
  const { entry, kind } = match.name;
  const dateOfBirthCheck: DateOfBirthCheck = field === 'person' ? compareDateOfBirth(dateOfBirth, entry.datesOfBirth) : 'not_checked';
  const strong = match.score >= thresholds.strongMatch && dateOfBirthCheck !== 'mismatch';
  const label = field === 'person' ? 'Legal name' : 'Business name';
  return {
    code: strong ? 'watchlist.strong_match' : 'watchlist.weak_match',
    severity: strong ? 'critical' : 'medium',
    score: match.score,
    summary: `${label} ${strong ? 'strongly' : 'possibly'} matches entry ${entry.entryId} on ${entry.listId} (score ${match.score.toFixed(2)})`,
    evidence: {
      field,
      listId: entry.listId,
      entryId: entry.entryId,
      entryType: entry.type,
      aliasKind: kind,
      programs: entry.programs,
      score: match.score,
      dateOfBirthCheck,
    },
    detector: { id: watchlistDetector.id, version: watchlistDetector.version },
  };
}
