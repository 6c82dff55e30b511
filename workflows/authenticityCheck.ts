/**
 * A buyer's authenticity check: read and look up what the buyer sent, let the versioned policy
 * answer likely genuine or likely counterfeit, or open a case for a moderator; then record the
 * outcome and send the signed `authenticity_check.completed` webhook. The workflow holds ids and
 * signals only.
 *
 * A counterfeit acts only on hard evidence (the policy's `hardEvidence` rules, read against the
 * verdict's signals): the buyer's refund is requested (`authenticity_check.refund_requested`, one
 * event per check recorded with the counterfeit and sent by the webhook dispatcher, so one event
 * whatever the retries), the counterfeit goes on the seller's record (and to a running probation),
 * and the order's listing is screened again. A
 * check that leans counterfeit without hard evidence first gives the seller a window to answer (a
 * durable timer, the policy's `sellerResponseSeconds`; an answer ends it early), then opens a case;
 * a moderator's "counterfeit" takes the same three actions.
 *
 * The buyer's photos may come after the check: a check sent with neither photos nor a code waits
 * for them, and a check answered `retake_requested` (by the policy, or a moderator's "needs more
 * photos") waits for the new ones; both waits are durable timers of the input's
 * `buyerPhotosSeconds`, ended early by the API's `buyerPhotos` signal once it stored the photos.
 * New photos run the same check again (a new round: screened, decided, completed and notified
 * again). Histories recorded before this replay without the waits (`authenticity-buyer-photos`).
 */
import {
  condition,
  defineSignal,
  patched,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { AUTHENTICITY_CHECK_COMPLETED_EVENT, BUYER_PHOTOS_SIGNAL, AUTHENTICITY_REFUND_REQUESTED_EVENT, authenticityCheckCases, type AuthenticityOutcome } from '../core/authenticityCheck.ts';
import type { AuthenticityActionActivities } from '../workers/activities/authenticityActions.ts';
import type { AuthenticityCheckActivities } from '../workers/activities/authenticityCheck.ts';
import type { AuthenticityLabelTextActivities } from '../workers/activities/authenticityLabelText.ts';
import type { ListingScreeningInput } from './listingScreening.ts';
import { authenticityRefundWorkflowId, listingScreeningWorkflowId } from './names.ts';
import { pictureTextActivityOptions } from './pictureText.ts';
import { notifyMarketplace, type WebhookRetrySettings } from './notifyMarketplace.ts';
import { probationEventsSignal } from './sellerProbation.ts';
import { runSubjectWorkflow, type SubjectResult } from './subjectWorkflow.ts';

export interface AuthenticityCheckInput {
  checkId: string;
  tenantId: string;
  /** base SLA of a normal-priority case; scaled by priority */
  caseSlaSeconds: number;
  webhook: WebhookRetrySettings;
  /** settings of the listing re-screening a confirmed counterfeit starts (`screeningId` filled then); absent, none is started */
  rescreening?: Omit<ListingScreeningInput, 'screeningId'>;
  /** how long the check waits for the buyer's photos; absent (inputs from before), 14 days */
  buyerPhotosSeconds?: number;
  /** the heavy queue, where the label and packaging photos' words are read (OCR); absent (inputs from before), they are not */
  documentsTaskQueue?: string;
  /** sent with neither photos nor a code, so it waits for the buyer's photos first; absent (inputs from before), the database says */
  arrivedEmpty?: boolean;
}

/** The API's signal once it stored the buyer's photos: the check runs (again) with them. */
export const buyerPhotosSignal = defineSignal<[{ round: number }]>(BUYER_PHOTOS_SIGNAL);

const BUYER_PHOTOS_PATCH = 'authenticity-buyer-photos';
/** A round's completed webhook is delivered while the check goes on (histories before it awaited the delivery first). */
const DELIVERY_ALONGSIDE_PATCH = 'authenticity-delivery-alongside';
const DEFAULT_BUYER_PHOTOS_SECONDS = 14 * 86_400;
/** The label and packaging photos' words are read before the verdict (histories before it screened without them). */
const LABEL_TEXT_PATCH = 'authenticity-label-text';

/** The API's signal once it stored the seller's answer: the window ends early. */
export const sellerResponseSignal = defineSignal<[{ responseId: string }]>('sellerResponse');

// Database work only.
const options = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['AuthenticityCheckNotFound'] },
} satisfies ActivityOptions;
const activities = proxyActivities<AuthenticityCheckActivities & AuthenticityActionActivities>(options);

const readLabelText = (documentsTaskQueue: string) => proxyActivities<AuthenticityLabelTextActivities>(pictureTextActivityOptions(documentsTaskQueue)).readAuthenticityLabelText;

const OUTCOMES: readonly AuthenticityOutcome[] = ['likely_genuine', 'likely_counterfeit', 'retake_requested'];
const asOutcome = (word: string): AuthenticityOutcome => OUTCOMES.find((outcome) => outcome === word) ?? 'likely_genuine';

export async function authenticityCheck(input: AuthenticityCheckInput): Promise<SubjectResult<AuthenticityOutcome>> {
  const { checkId } = input;
  let sellerResponded = false;
  setHandler(sellerResponseSignal, () => {
    sellerResponded = true;
  });
  let photosSignalled = 0;
  setHandler(buyerPhotosSignal, () => {
    photosSignalled += 1;
  });

  /** Opens the window when the check waits for photos, waits for them or its end; true when photos came. */
  const waitForBuyerPhotos = async (): Promise<boolean> => {
    const seen = photosSignalled;
    const { closesAt } = await activities.openBuyerPhotosWindow({ checkId, seconds: input.buyerPhotosSeconds ?? DEFAULT_BUYER_PHOTOS_SECONDS });
    if (closesAt === null) return false;
    await condition(() => photosSignalled > seen, Math.max(1, Date.parse(closesAt) - Date.now()));
    // the database says whether photos came: the API's reopening and this closing take the row in turn
    return (await activities.closeBuyerPhotosWindow({ checkId })).photosCame;
  };

  // Each round's completed webhook is delivered alongside what follows, so a retake's window for
  // photos opens at once even while the marketplace's endpoint fails; the check ends once every
  // delivery has (a delivery's failure other than giving up, e.g. cancellation, fails it then).
  const deliveries: Promise<unknown>[] = [];
  const alongside = patched(DELIVERY_ALONGSIDE_PATCH)
    ? { deliverLater: (delivered: Promise<void>) => void deliveries.push(delivered.then(() => null, (error: unknown) => error)) }
    : {};
  const deliveriesEnded = async () => {
    for (const failure of await Promise.all(deliveries)) if (failure) throw failure;
  };

  const runRound = async () =>
    await runSubjectWorkflow<AuthenticityOutcome>({
      ...alongside,
      cases: authenticityCheckCases,
      subjectId: checkId,
      tenantId: input.tenantId,
      caseSlaSeconds: input.caseSlaSeconds,
      webhook: input.webhook,
      completedEvent: AUTHENTICITY_CHECK_COMPLETED_EVENT,
      screen: async (setStage) => {
        // a check sent with nothing waits for the buyer's page (or the marketplace) to send photos
        // (one sent with a code or photos has nothing to wait for: no activity asks)
        if (patched(BUYER_PHOTOS_PATCH) && input.arrivedEmpty !== false) await waitForBuyerPhotos();
        // the label and packaging photos' words are read first, on the heavy queue, when there are any
        const labelText = input.documentsTaskQueue && patched(LABEL_TEXT_PATCH) ? input.documentsTaskQueue : null;
        let verdict = await activities.screenAuthenticityCheck({ checkId, readLabelTextFirst: labelText !== null });
        if (verdict.readLabelText) {
          await readLabelText(labelText!)({ checkId });
          verdict = await activities.screenAuthenticityCheck({ checkId });
        }
        // only a call with readLabelTextFirst answers readLabelText
        if (verdict.readLabelText) throw ApplicationFailure.nonRetryable('the check was screened again before its labels were read', 'LabelTextUnread');
        setStage('deciding');
        const escalation = { escalate: true as const, priority: verdict.priority, sellerId: verdict.sellerId, tenantId: verdict.tenantId };
        if (verdict.outcome === 'escalate') return escalation;
        if (verdict.outcome !== 'likely_counterfeit') return { escalate: false, outcome: asOutcome(verdict.outcome) };
        // the screening weighs a counterfeit verdict itself; results recorded before it did ask here
        const weighed = verdict.weighed ?? (await activities.weighAuthenticityVerdict({ checkId }));
        if (weighed.hardEvidence.length > 0) return { escalate: false, outcome: 'likely_counterfeit' };
        // leans counterfeit, proves nothing: the seller may answer before a moderator decides
        await activities.openSellerResponseWindow({ checkId, seconds: weighed.sellerResponseSeconds });
        await condition(() => sellerResponded, weighed.sellerResponseSeconds * 1000);
        await activities.closeSellerResponseWindow({ checkId });
        return escalation;
      },
      markAwaitingReview: () => activities.markAuthenticityCheckAwaitingReview({ checkId }),
      outcomeOf: asOutcome,
      complete: async (result, setStage) => {
        if (result.outcome === 'likely_counterfeit') await actOnCounterfeit(input, result.decidedBy);
        const event = await activities.completeAuthenticityCheck({ checkId, ...result });
        setStage('completed');
        return event;
      },
    });

  let result = await runRound();
  // a retake asked (by the policy or a moderator): the buyer's new photos decide the same check again
  while (result.outcome === 'retake_requested' && patched(BUYER_PHOTOS_PATCH)) {
    if (!(await waitForBuyerPhotos())) break;
    result = await runRound();
  }
  await deliveriesEnded();
  return result;
}

/** Refund, record and re-screen: each keyed by the check, so a retried or replayed run does each once. */
async function actOnCounterfeit(input: AuthenticityCheckInput, decidedBy: 'policy' | 'moderator'): Promise<void> {
  const { checkId } = input;
  // The record answers the refund's data, records the refund request for the webhook dispatcher
  // (workers/webhooks/dispatch.ts) in the counterfeit's transaction, and creates the re-screening.
  // Results recorded before it did (histories of workflows in flight) lack them, and those
  // workflows ask for each, and send the refund from a child of its own, as they did.
  const recorded = await activities.recordConfirmedCounterfeit({ checkId, decidedBy, rescreen: input.rescreening !== undefined, refundDispatchQueue: workflowInfo().taskQueue });
  // the order was refunded and recorded by an earlier check of it: nothing more to do for it
  if (recorded.actedForOrderBy) return;
  if (recorded.probationWorkflowId && recorded.probationEventSeqs.length > 0) {
    try {
      await getExternalWorkflowHandle(recorded.probationWorkflowId).signal(probationEventsSignal, { seqs: recorded.probationEventSeqs });
    } catch {
      // the probation's workflow is gone: its next run (or sweep) applies the stored event
    }
  }
  if (!recorded.refundDispatched) {
    const refund = recorded.refund ?? (await activities.describeAuthenticityRefund({ checkId, decidedBy }));
    // delivery may retry for the whole webhook window and the check's completion does not wait for it
    await startOnce('authenticityRefundNotice', authenticityRefundWorkflowId(checkId), { checkId, ...refund, webhook: input.webhook });
  }
  if (input.rescreening) {
    const { screeningId } = recorded.rescreening ?? (await activities.createCounterfeitRescreening({ checkId }));
    if (screeningId) await startOnce('listingScreening', listingScreeningWorkflowId(screeningId), { ...input.rescreening, screeningId });
  }
}

async function startOnce(workflowType: 'authenticityRefundNotice' | 'listingScreening', workflowId: string, args: Record<string, unknown>): Promise<void> {
  try {
    await startChild(workflowType, { workflowId, parentClosePolicy: ParentClosePolicy.ABANDON, args: [args] });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/**
 * One check's `authenticity_check.refund_requested` webhook: one event per check, its data carrying
 * the idempotency key. Checks now record it for the webhook dispatcher; this is kept for the
 * workflows in flight that started it.
 */
export async function authenticityRefundNotice(input: { checkId: string; tenantId: string; data: Record<string, unknown>; webhook: WebhookRetrySettings }): Promise<void> {
  await notifyMarketplace(
    { subjectType: authenticityCheckCases.subjectType, subjectId: input.checkId, eventType: AUTHENTICITY_REFUND_REQUESTED_EVENT, tenantId: input.tenantId, data: input.data },
    input.webhook,
  );
}
