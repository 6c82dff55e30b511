/**
 * Listing screening: fetch the listing's pictures (a refused or broken one becomes a signal),
 * run the text detectors (with any text read from the pictures), let the versioned policy decide
 * allow, block or escalate, and when it escalates wait for a moderator through the shared case
 * review. Then store the final verdict and send the signed `listing_screening.completed` webhook.
 *
 * The workflow holds ids and signals only: the listing's text and pictures stay in PostgreSQL.
 */
import { patched, proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import { pictureTextActivityOptions } from './pictureText.ts';
import type { CasePriority } from '../core/cases.ts';
import { LISTING_SCREENING_COMPLETED_EVENT, listingScreeningCases } from '../core/listingScreening.ts';
import type { ListingImageTextActivities } from '../workers/activities/listingImageText.ts';
import type { ListingScreeningActivities } from '../workers/activities/listingScreening.ts';
import type { WebhookRetrySettings } from './notifyMarketplace.ts';
import { runSubjectWorkflow, type AlreadyEscalated, type Screened as SubjectScreened, type SubjectStage } from './subjectWorkflow.ts';

export interface ListingScreeningInput {
  screeningId: string;
  tenantId: string;
  /** the heavy queue, where pictures are read (OCR) */
  documentsTaskQueue: string;
  /**
   * where the screening steps (pictures, detectors, verdict) run: the bulk queue for listings of a
   * batch or a gallery re-screening, so many of them never take the slots of single submissions.
   * Absent (single submissions, and workflows started before it existed): the workflow's own queue.
   * The case review, completion and webhook always stay on the workflow's queue: a moderator waits on them.
   */
  screeningTaskQueue?: string;
  /** base SLA of a normal-priority case; scaled by priority */
  caseSlaSeconds: number;
  webhook: WebhookRetrySettings;
  /**
   * Set when the listing was screened and its escalation recorded already (a batch chunk does
   * both in bulk): the workflow only opens the case, waits for the moderator and completes.
   */
  escalated?: AlreadyEscalated;
}

export interface ListingScreeningResult {
  verdict: 'allow' | 'block';
  decidedBy: 'policy' | 'moderator';
}

// Database work and image downloads (each bounded by the outbound fetch deadline).
const options = {
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['ListingScreeningNotFound'] },
} satisfies ActivityOptions;
const activities = proxyActivities<ListingScreeningActivities>(options);

/** No dead ends: a failing screening is recorded as `failed` (and the marketplace told) before the workflow fails. */
export async function listingScreening(input: ListingScreeningInput): Promise<ListingScreeningResult> {
  const { screeningId } = input;
  const screening = input.screeningTaskQueue ? proxyActivities<ListingScreeningActivities>({ ...options, taskQueue: input.screeningTaskQueue }) : activities;
  // Screenings started before detection became one activity replay the older, step-by-step path.
  const oneActivity = patched('listing-screening-one-activity');
  const result = await runSubjectWorkflow<'allow' | 'block'>({
    cases: listingScreeningCases,
    subjectId: screeningId,
    tenantId: input.tenantId,
    caseSlaSeconds: input.caseSlaSeconds,
    webhook: input.webhook,
    completedEvent: LISTING_SCREENING_COMPLETED_EVENT,
    escalated: input.escalated,
    screen: (setStage) => (oneActivity ? screenInOneActivity : screen)(input, screening, setStage),
    markAwaitingReview: () => activities.markListingAwaitingReview({ screeningId }),
    outcomeOf: (decision) => (decision === 'block' ? 'block' : 'allow'),
    complete: async ({ outcome, decidedBy }, setStage) => {
      let data: Record<string, unknown>;
      if (oneActivity) {
        data = await activities.completeAndDescribeListingScreening({ screeningId, verdict: outcome, decidedBy });
        setStage('completed');
      } else {
        await activities.completeListingScreening({ screeningId, verdict: outcome, decidedBy });
        setStage('completed');
        data = await activities.describeListingScreeningOutcome({ screeningId });
      }
      return { tenantId: input.tenantId, data };
    },
  });
  return { verdict: result.outcome, decidedBy: result.decidedBy };
}

type Screened = SubjectScreened<'allow' | 'block'>;

const screenedAs = (verdict: { outcome: string; priority: CasePriority; sellerId: string | null }): Screened =>
  verdict.outcome === 'escalate' ? { escalate: true, priority: verdict.priority, sellerId: verdict.sellerId } : { escalate: false, outcome: verdict.outcome === 'block' ? 'block' : 'allow' };

const readImageText = (input: ListingScreeningInput) => proxyActivities<ListingImageTextActivities>(pictureTextActivityOptions(input.documentsTaskQueue)).readListingImageText;

/** Detection and the verdict in one activity; the pictures' text, where it can matter, on the heavy queue between. */
async function screenInOneActivity(input: ListingScreeningInput, screening: typeof activities, setStage: (stage: SubjectStage) => void): Promise<Screened> {
  const { screeningId } = input;
  const screened = await screening.screenListing({ screeningId });
  if (!screened.readImageText) {
    setStage('deciding');
    return screenedAs(screened.verdict);
  }
  await readImageText(input)({ screeningId });
  setStage('deciding');
  return screenedAs(await screening.recordListingVerdictAfterImageText({ screeningId, pictureSignals: screened.pictureSignals }));
}

/** Pictures, text (and the pictures' text where it can matter), then the policy's verdict, one activity each. */
async function screen(input: ListingScreeningInput, screening: typeof activities, setStage: (stage: SubjectStage) => void): Promise<Screened> {
  const { screeningId } = input;
  await screening.markListingScreening({ screeningId });
  const imageSignals = await screening.fetchListingImages({ screeningId });
  const matchSignals = await screening.matchListingImages({ screeningId });
  let textSignals = await screening.screenListingText({ screeningId });
  // OCR only where it can change the verdict: pictures not read yet, and no block already
  if (await screening.imageTextCouldMatter({ screeningId, signals: [...imageSignals, ...matchSignals, ...textSignals] })) {
    await readImageText(input)({ screeningId });
    textSignals = await screening.screenListingText({ screeningId });
  }
  setStage('deciding');
  const verdict = await screening.recordListingVerdict({ screeningId, signals: [...imageSignals, ...matchSignals, ...textSignals] });
  return screenedAs(verdict);
}
