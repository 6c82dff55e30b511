/**
 * Ad disclosure, as the FTC's 2023 Endorsement Guides and "Disclosures 101" judge it: a
 * disclosure must be clear (plain words, terms.ts), hard to miss (before the caption is cut by
 * "…more" on its surface, not lost in a block of hashtags) and in the same channel as the
 * endorsement (a spoken endorsement in a video needs a disclosure said or shown in the video).
 *
 * Classes: `clear`, `ambiguous` (only terms like #sp, #collab, "thanks to"), `buried` (the
 * disclosure is past the truncation point or inside a hashtag block), `missing`, and
 * `channel_mismatch` (spoken endorsement, disclosure only in the caption). An affiliate link
 * without a clear disclosure is a violation of its own (`content.affiliate_undisclosed`).
 *
 * A disclosure is owed only where a material connection shows: an affiliate link, the platform's
 * paid label, the creator's own words naming one (any disclosure term, clear or not), a gift or
 * payment mentioned (terms.ts), or a script other creators read too. A post with none of these
 * and no disclosure is `not_required` (info), never `missing`. On-screen text counts as in the
 * video, read as written text ("#ad" superimposed counts).
 *
 * Catches: the wording in English, Spanish, French, German and Portuguese, hashtags given in the
 * caption or separately, spoken disclosures in the transcript. Misses: other languages, a
 * disclosure only in the video's pictures with no on-screen text sent, how long an on-screen
 * disclosure stays up, and a "clear" word used in another sense ("the ad campaign I hated").
 */
import type { DetectorModule, Signal } from '../../../core/signals.ts';
import { foldText } from '../contentScript/normalise.ts';
import { findConnectionWords, findDisclosureTerms, type TermMatch } from './terms.ts';

export type Surface = 'video' | 'image' | 'live';
export type DisclosureClass = 'clear' | 'ambiguous' | 'buried' | 'missing' | 'channel_mismatch' | 'not_required';

/** What shows a material connection between the creator and what they promote, so that a disclosure is owed. */
export type ConnectionEvidence = 'affiliate_link' | 'paid_label' | 'disclosure_words' | 'gift_or_payment' | 'shared_script';

export interface DisclosureInput {
  caption: string;
  hashtags?: readonly string[];
  transcript?: string | null;
  onScreenText?: string | null;
  surface: Surface;
  platformPaidLabel?: boolean;
  affiliateLink?: boolean;
  /** the post reads a script other creators read too (a campaign's brief): known once its cluster is */
  sharedScript?: boolean;
}

export interface DisclosureThresholds {
  /** characters of the caption shown before "…more", per surface */
  truncationChars: Record<Surface, number>;
  /** this many hashtags in a row make a block in which a disclosure is lost */
  hashtagBlockMin: number;
  /** a transcript with at least this many words is a spoken endorsement */
  spokenEndorsementWords: number;
}

export const disclosureThresholds: DisclosureThresholds = {
  // Instagram's feed cuts near 125 characters, TikTok and Reels' overlay near 100, a live's title shorter.
  truncationChars: { image: 125, video: 100, live: 80 },
  hashtagBlockMin: 4,
  spokenEndorsementWords: 12,
};

export interface FoundDisclosure {
  term: string;
  strength: 'clear' | 'ambiguous';
  language: string;
  where: 'caption' | 'hashtags' | 'transcript' | 'on_screen' | 'platform_label';
  /** character offset in the caption (hashtags sent apart count as appended after it) */
  position: number | null;
  /** why a caption disclosure does not count as seen, if it does not */
  hidden: 'after_truncation' | 'in_hashtag_block' | null;
  /** size of the hashtag block it sits in (4 or more hashtags in a row), or null */
  hashtagBlock: number | null;
}

export interface DisclosureAssessment {
  class: DisclosureClass;
  reason: string;
  /** what shows a material connection; none: nothing to disclose (`not_required`) */
  connection: ConnectionEvidence[];
  /** the gift or payment words found, when they are the evidence */
  connectionWords: string[];
  found: FoundDisclosure[];
  truncationChars: number;
  spokenEndorsement: boolean;
}

const HASHTAG = /#[\p{L}\p{N}_]+/gu;

/** The caption as shown: hashtags sent apart that it does not already carry follow it. */
export function visibleCaption(caption: string, hashtags: readonly string[] = []): { text: string; appendedFrom: number } {
  const folded = foldText(caption);
  const present = new Set(folded.match(HASHTAG) ?? []);
  const extra = hashtags.map((tag) => foldText(tag.startsWith('#') ? tag : `#${tag}`)).filter((tag) => !present.has(tag));
  return { text: extra.length > 0 ? `${folded}\n${extra.join(' ')}` : folded, appendedFrom: extra.length > 0 ? folded.length + 1 : folded.length };
}

/** Character ranges of hashtag runs (separated only by spaces, punctuation or emoji) at least `minimum` long. */
export function hashtagBlocks(text: string, minimum: number): { start: number; end: number; count: number }[] {
  const blocks: { start: number; end: number; count: number }[] = [];
  let current: { start: number; end: number; count: number } | null = null;
  for (const match of text.matchAll(HASHTAG)) {
    const start = match.index;
    const between = current ? text.slice(current.end, start) : '';
    if (current && !/[\p{L}\p{N}]/u.test(between)) {
      current.end = start + match[0].length;
      current.count += 1;
    } else {
      if (current && current.count >= minimum) blocks.push(current);
      current = { start, end: start + match[0].length, count: 1 };
    }
  }
  if (current && current.count >= minimum) blocks.push(current);
  return blocks;
}

const wordCount = (text: string | null | undefined) => (text ? text.split(/\s+/u).filter(Boolean).length : 0);

function captionDisclosures(input: DisclosureInput, limits: DisclosureThresholds): FoundDisclosure[] {
  const { text, appendedFrom } = visibleCaption(input.caption, input.hashtags);
  const cut = limits.truncationChars[input.surface];
  const blocks = hashtagBlocks(text, limits.hashtagBlockMin);
  return findDisclosureTerms(text).map((match: TermMatch): FoundDisclosure => {
    const block = match.hashtag ? blocks.find((candidate) => match.index >= candidate.start && match.index < candidate.end) : undefined;
    const hidden = match.index + match.term.length > cut ? 'after_truncation' : block ? 'in_hashtag_block' : null;
    return { term: match.term, strength: match.strength, language: match.language, where: match.index >= appendedFrom ? 'hashtags' : 'caption', position: match.index, hidden, hashtagBlock: block?.count ?? null };
  });
}

function channelDisclosures(text: string | null | undefined, where: 'transcript' | 'on_screen'): FoundDisclosure[] {
  if (!text) return [];
  // on-screen text is written ("#ad" superimposed, as the FTC suggests): matched as a caption is
  return findDisclosureTerms(foldText(text), { spoken: where === 'transcript' }).map((match) => ({ term: match.term, strength: match.strength, language: match.language, where, position: null, hidden: null, hashtagBlock: null }));
}

export function assessDisclosure(input: DisclosureInput, limits: DisclosureThresholds = disclosureThresholds): DisclosureAssessment {
  const truncationChars = limits.truncationChars[input.surface];
  const spokenEndorsement = input.surface !== 'image' && wordCount(input.transcript) >= limits.spokenEndorsementWords;
  const caption = captionDisclosures(input, limits);
  const inVideo = [...channelDisclosures(input.transcript, 'transcript'), ...channelDisclosures(input.onScreenText, 'on_screen')];
  const found = [...(input.platformPaidLabel ? [{ term: 'platform paid label', strength: 'clear' as const, language: 'any', where: 'platform_label' as const, position: null, hidden: null, hashtagBlock: null }] : []), ...caption, ...inVideo];
  // A disclosure is owed where a material connection shows: the FTC asks for one when there is a
  // connection, and a creator's own post with none of these has nothing to disclose.
  const connectionWords = findConnectionWords([input.caption, ...(input.hashtags ?? []), input.transcript ?? '', input.onScreenText ?? ''].map(foldText).join('\n'));
  const connection: ConnectionEvidence[] = [
    ...(input.affiliateLink ? ['affiliate_link' as const] : []),
    ...(input.platformPaidLabel ? ['paid_label' as const] : []),
    ...(found.length > 0 ? ['disclosure_words' as const] : []),
    ...(connectionWords.length > 0 ? ['gift_or_payment' as const] : []),
    ...(input.sharedScript ? ['shared_script' as const] : []),
  ];
  const result = (cls: DisclosureClass, reason: string): DisclosureAssessment => ({ class: cls, reason, connection, connectionWords, found, truncationChars, spokenEndorsement });

  if (input.platformPaidLabel) return result('clear', "The platform's paid-partnership label is on the post");
  const visibleClear = caption.find((item) => item.strength === 'clear' && !item.hidden);
  const inVideoClear = inVideo.find((item) => item.strength === 'clear');
  if (inVideoClear) return result('clear', `"${inVideoClear.term}" ${inVideoClear.where === 'transcript' ? 'said in the video' : 'shown on screen'}`);
  if (visibleClear) {
    if (spokenEndorsement) return result('channel_mismatch', `Spoken endorsement with "${visibleClear.term}" only in the caption, not said or shown in the video`);
    return result('clear', `"${visibleClear.term}" within the first ${truncationChars} characters`);
  }
  const hiddenClear = caption.find((item) => item.strength === 'clear');
  if (hiddenClear) return result('buried', hiddenReason(hiddenClear, truncationChars));
  const visibleAmbiguous = [...caption.filter((item) => !item.hidden), ...inVideo].find((item) => item.strength === 'ambiguous');
  if (visibleAmbiguous) return result('ambiguous', `Only "${visibleAmbiguous.term}", which the FTC finds unclear as a disclosure`);
  const hiddenAmbiguous = caption.find((item) => item.strength === 'ambiguous');
  if (hiddenAmbiguous) return result('buried', `${hiddenReason(hiddenAmbiguous, truncationChars)} (and "${hiddenAmbiguous.term}" is ambiguous)`);
  if (connection.length === 0) return result('not_required', 'No material connection shows (no affiliate link, paid label, gift or payment mentioned, or script shared with other creators): nothing to disclose');
  return result('missing', `No disclosure in the caption, hashtags, transcript or on-screen text, though ${connection.map(describeConnection).join(', ')}`);
}

function describeConnection(evidence: ConnectionEvidence): string {
  switch (evidence) {
    case 'affiliate_link':
      return 'the post carries an affiliate link';
    case 'paid_label':
      return 'the platform labels it paid';
    case 'disclosure_words':
      return 'it names a connection';
    case 'gift_or_payment':
      return 'it mentions a gift or payment';
    case 'shared_script':
      return 'it reads a script other creators read';
  }
}

function hiddenReason(item: FoundDisclosure, truncationChars: number): string {
  const block = item.hashtagBlock ? `lost in a block of ${item.hashtagBlock} hashtags` : null;
  if (item.hidden === 'in_hashtag_block') return `"${item.term}" is ${block}`;
  return `"${item.term}" appears at character ${item.position}, after the caption is cut at ${truncationChars}${block ? `, ${block}` : ''}`;
}

// 2: a disclosure is owed only where a material connection shows; on-screen text read as written
const detector = { id: 'content-disclosure', version: '2' };

const SEVERITY = { clear: 'info', ambiguous: 'medium', buried: 'medium', missing: 'medium', channel_mismatch: 'medium', not_required: 'info' } as const;
const SCORE = { clear: 0.9, ambiguous: 0.6, buried: 0.7, missing: 0.8, channel_mismatch: 0.65, not_required: 0 } as const;

export const disclosureDetector: DetectorModule<DisclosureInput, DisclosureThresholds> = {
  ...detector,
  description: "Whether a promotional post discloses it is paid, clearly, visibly and in the endorsement's channel (FTC 2023)",
  thresholds: disclosureThresholds,
  detect(input, limits = disclosureThresholds): Signal[] {
    const assessment = assessDisclosure(input, limits);
    const evidence = {
      class: assessment.class,
      reason: assessment.reason,
      surface: input.surface,
      truncationChars: assessment.truncationChars,
      spokenEndorsement: assessment.spokenEndorsement,
      connection: assessment.connection,
      ...(assessment.connectionWords.length > 0 ? { connectionWords: assessment.connectionWords } : {}),
      found: assessment.found.map((item) => ({ ...item })),
    };
    const signals: Signal[] = [
      { code: `content.disclosure_${assessment.class}`, severity: SEVERITY[assessment.class], score: SCORE[assessment.class], summary: `Disclosure ${assessment.class.replace('_', ' ')}: ${assessment.reason}`, evidence, detector },
    ];
    if (input.affiliateLink && assessment.class !== 'clear') {
      signals.push({
        code: 'content.affiliate_undisclosed',
        severity: 'high',
        score: 0.9,
        summary: `Affiliate link without a clear disclosure (${assessment.class.replace('_', ' ')}): ${assessment.reason}`,
        evidence: { ...evidence, affiliateLink: true },
        detector,
      });
    }
    return signals;
  },
};
