import { Type, type Static } from '@sinclair/typebox';
import { CONTENT_TEXT_LIMITS } from '../../../core/contentScreening.ts';
import { VerdictView } from '../../verdictSchemas.ts';
import { FailureView } from '../../failureView.ts';

/** Ids the marketplace gives (posts, creators, listings, sellers); creator ids are also path parameters. */
const MarketplaceId = (description: string) => Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$', description });

/**
 * Text fields carry no maxLength here: past CONTENT_TEXT_LIMITS the answer is 413
 * `text-too-large` (checked before the schema), not a 400.
 */
export const ContentPostSubmission = Type.Object(
  {
    postId: MarketplaceId("the marketplace's id for the post (one screening per post)"),
    creatorId: MarketplaceId("the marketplace's id for the creator"),
    postedAt: Type.String({ format: 'date-time' }),
    caption: Type.String({ description: `at most ${CONTENT_TEXT_LIMITS.caption} characters (413 past it); may be empty` }),
    transcript: Type.Optional(Type.String({ description: `speech-to-text of the video, by the marketplace; at most ${CONTENT_TEXT_LIMITS.transcript} characters` })),
    onScreenText: Type.Optional(Type.String({ description: `text shown on screen; at most ${CONTENT_TEXT_LIMITS.onScreenText} characters` })),
    hashtags: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: `at most ${CONTENT_TEXT_LIMITS.hashtags} hashtags of at most ${CONTENT_TEXT_LIMITS.hashtagChars} characters, with or without #` })),
    promotedListingId: Type.Optional(MarketplaceId('the listing promoted (may be unknown to Bonafide)')),
    promotedSellerId: Type.Optional(MarketplaceId('the seller promoted (may be unknown to Bonafide)')),
    affiliateLink: Type.Optional(Type.Boolean({ description: 'the post carries an affiliate link' })),
    platformPaidLabel: Type.Optional(Type.Boolean({ description: "the platform's paid-partnership label is on the post" })),
    surface: Type.Optional(Type.Union([Type.Literal('video'), Type.Literal('image'), Type.Literal('live')], { default: 'video' })),
  },
  { additionalProperties: false },
);
export type ContentPostSubmission = Static<typeof ContentPostSubmission>;

export const ContentScreeningAccepted = Type.Object({ id: Type.String(), postId: Type.String(), status: Type.String(), url: Type.String() });

export const ContentScreeningView = Type.Object({
  id: Type.String(),
  postId: Type.String(),
  creatorId: Type.String(),
  status: Type.String(),
  /** final outcome clean, label or takedown_request; the automated verdict clean, label or escalate */
  verdict: VerdictView,
  disclosure: Type.Union([Type.String(), Type.Null()]),
  scriptClusterId: Type.Union([Type.String(), Type.Null()]),
  scriptClusterUrl: Type.Union([Type.String(), Type.Null()]),
  post: Type.Object({
    postedAt: Type.String(),
    caption: Type.String(),
    transcript: Type.Union([Type.String(), Type.Null()]),
    onScreenText: Type.Union([Type.String(), Type.Null()]),
    hashtags: Type.Array(Type.String()),
    promotedListingId: Type.Union([Type.String(), Type.Null()]),
    promotedSellerId: Type.Union([Type.String(), Type.Null()]),
    affiliateLink: Type.Boolean(),
    platformPaidLabel: Type.Boolean(),
    surface: Type.String(),
  }),
  batchId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  completedAt: Type.Union([Type.String(), Type.Null()]),
  failure: FailureView,
  url: Type.String(),
});

export const ScriptClusterView = Type.Object({
  id: Type.String(),
  /** the id asked for, when it was merged into this cluster */
  mergedFrom: Type.Union([Type.String(), Type.Null()]),
  postCount: Type.Integer(),
  creatorCount: Type.Integer(),
  firstSeenAt: Type.String(),
  lastSeenAt: Type.String(),
  creators: Type.Array(Type.Object({ creatorId: Type.String(), posts: Type.Integer(), firstSeenAt: Type.String(), lastSeenAt: Type.String() })),
  sellers: Type.Array(Type.String()),
  posts: Type.Array(Type.Object({ screeningId: Type.String(), postId: Type.String(), creatorId: Type.String(), postedAt: Type.String(), caption: Type.String(), transcript: Type.Union([Type.String(), Type.Null()]), promotedSellerId: Type.Union([Type.String(), Type.Null()]), outcome: Type.Union([Type.String(), Type.Null()]) })),
});

export const CreatorContentView = Type.Object({
  creatorId: Type.String(),
  postCount: Type.Integer(),
  clearDisclosureRate: Type.Number(),
  cadence: Type.Object({
    latestDay: Type.Union([Type.String(), Type.Null()]),
    postsOnLatestDay: Type.Integer(),
    /** median of the active days in the 30 before the latest day */
    medianPerActiveDay: Type.Number(),
    activeDaysInLast30: Type.Integer(),
    postsInLast30Days: Type.Integer(),
    burstiness: Type.Union([Type.Number(), Type.Null()]),
  }),
  clusters: Type.Array(Type.Object({ id: Type.String(), posts: Type.Integer(), creatorCount: Type.Integer(), firstSeenAt: Type.String(), lastSeenAt: Type.String(), url: Type.String() })),
  recentScreenings: Type.Array(Type.Object({ id: Type.String(), postId: Type.String(), postedAt: Type.String(), status: Type.String(), outcome: Type.Union([Type.String(), Type.Null()]), disclosure: Type.Union([Type.String(), Type.Null()]) })),
});

const Count = Type.Integer({ minimum: 0 });
/** The policy's `parameters` for the content-screening key (registered with app.policyKeys). */
export const ContentScreeningParametersSchema = Type.Object(
  {
    script: Type.Object({ verifyJaccard: Type.Number({ minimum: 0.05, maximum: 1 }), verifyContainment: Type.Number({ minimum: 0.05, maximum: 1 }), minContainedShingles: Type.Integer({ minimum: 5 }), verifyParaphrase: Type.Optional(Type.Number({ minimum: 0.1, maximum: 1 })), minCreators: Type.Integer({ minimum: 2 }), minScriptWords: Type.Integer({ minimum: 5 }), maxCandidates: Type.Integer({ minimum: 1, maximum: 1000 }) }, { additionalProperties: false }),
    coordination: Type.Object({ minCreators: Type.Integer({ minimum: 2 }), minScripts: Type.Integer({ minimum: 1, maximum: 10 }), windowDays: Type.Integer({ minimum: 1, maximum: 90 }), maxScripts: Type.Integer({ minimum: 1, maximum: 32 }) }, { additionalProperties: false }),
    disclosure: Type.Object(
      {
        truncationChars: Type.Object({ video: Count, image: Count, live: Count }, { additionalProperties: false }),
        hashtagBlockMin: Type.Integer({ minimum: 2 }),
        spokenEndorsementWords: Type.Integer({ minimum: 1 }),
      },
      { additionalProperties: false },
    ),
    cadence: Type.Object({ maxPerDay: Type.Integer({ minimum: 1 }), medianRatio: Type.Number({ minimum: 1 }), minActiveDays: Type.Integer({ minimum: 1, maximum: 29 }), minPostsForRatio: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
    praise: Type.Object({ minDensity: Type.Number({ minimum: 0 }), minCategories: Type.Integer({ minimum: 1 }), minPosts: Type.Integer({ minimum: 1 }), raisesPriority: Type.Boolean() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
