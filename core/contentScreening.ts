/** Content-screening domain types shared by the API (which stores posts) and the workers (which screen them). */
import type { CaseSubjectDefinition } from './cases.ts';

export const CONTENT_SCREENING_POLICY_KEY = 'content-screening';
export const CONTENT_SCREENING_EVENT = 'content_screening.completed';

/** The verdicts of the content-screening policy, strongest first. */
export const CONTENT_VERDICTS = ['escalate', 'label', 'clean'] as const;
/** What a screening ends with: clean, labelled as paid promotion, or a takedown request (moderators only). */
export type ContentOutcome = 'clean' | 'label' | 'takedown_request';

/** Cases opened by content screening: a moderator clears the post, labels it or asks the marketplace to take it down. */
export const contentScreeningCases = {
  subjectType: 'content_screening',
  label: 'Content screening',
  decisions: [
    { value: 'clean', label: 'Clean', noteRequired: false },
    { value: 'label', label: 'Label as paid promotion', noteRequired: false },
    { value: 'takedown_request', label: 'Request takedown', noteRequired: true, destructive: true },
  ],
} as const satisfies CaseSubjectDefinition;

/**
 * Text limits of one post, in characters (documented in the README; 413 `text-too-large` past
 * them). A caption on the large platforms is at most 2,200 (Instagram) to 5,000 (YouTube)
 * characters; a transcript of a 10-minute video is about 10,000.
 */
export const CONTENT_TEXT_LIMITS = {
  caption: 5_000,
  transcript: 50_000,
  onScreenText: 5_000,
  hashtags: 100,
  hashtagChars: 100,
} as const;

/** The policy's `parameters` for content screening (its thresholds; shape registered by the API). */
export interface ContentScreeningParameters {
  script: { verifyJaccard: number; verifyContainment: number; minContainedShingles: number; minCreators: number; minScriptWords: number; maxCandidates: number };
  coordination: { minCreators: number; minScripts: number; windowDays: number; maxScripts: number };
  disclosure: { truncationChars: { video: number; image: number; live: number }; hashtagBlockMin: number; spokenEndorsementWords: number };
  cadence: { maxPerDay: number; medianRatio: number; minActiveDays: number; minPostsForRatio: number };
  praise: { minDensity: number; minCategories: number; minPosts: number; raisesPriority: boolean };
}
