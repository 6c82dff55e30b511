/**
 * Seller probation: one long-running workflow per approved seller. It takes the seller's order
 * events in batches (one signal per API request, carrying the stored events' sequence numbers),
 * has an activity fold them into the order book in PostgreSQL, sleeps on one durable timer (the
 * earliest ship deadline or the end of the term), and applies the policy's rules to the metrics
 * the activity returns: payouts held for late orders, strikes, hard limits that restrict the seller
 * and open a case at once, and at the end of the term graduate, extend or restrict. Every change
 * is recorded with its metrics and sent as a signed `seller_probation.changed` webhook.
 *
 * History stays bounded: past `historyLimit` events the run continues as new carrying only its
 * counters (the order book is in PostgreSQL), after draining the signals already received.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  endOfTerm,
  limitBreaches,
  sellerProbationCases,
  SELLER_PROBATION_WEBHOOK_EVENT,
  type ProbationMetrics,
  type ProbationStatus,
} from '../core/sellerProbation.ts';
import type { ProbationAssessment, ProbationSnapshot, SellerProbationActivities } from '../workers/activities/sellerProbation.ts';
import { reviewCase, type CaseReviewOutcome } from './caseReview.ts';
import { sellerProbationNoticeWorkflowId } from './names.ts';
import { notifyMarketplace, type WebhookRetrySettings } from './notifyMarketplace.ts';

/** History events after which a run continues as new (Temporal suggests it near 4,000 too). */
export const PROBATION_HISTORY_LIMIT = 2_000;

export interface OpenReview {
  changeId: string;
  /** the status a reinstated seller returns to */
  resume: 'active' | 'extended';
  /** opened at the end of the term: reinstating graduates the seller */
  atEnd: boolean;
}

/** What a run hands to the next: counters and the status, never the order book. */
export interface CarriedProbationState extends ProbationSnapshot {
  metrics: ProbationMetrics | null;
  nextDeadline: number | null;
  review: OpenReview | null;
  pendingSeqs: number[];
  pendingMigration: number | null;
}

export interface SellerProbationInput {
  probationId: string;
  webhook: WebhookRetrySettings;
  /** SLA of a normal-priority case, in seconds */
  caseSlaSeconds: number;
  historyLimit?: number;
  carried?: CarriedProbationState;
}

export interface SellerProbationResult {
  status: ProbationStatus;
}

/** The API's one signal per request: the sequence numbers of the events it stored. */
export const probationEventsSignal = defineSignal<[{ seqs: number[] }]>('probationEvents');
/** An admin moves a running probation to another version of its policy. */
export const migrateProbationPolicySignal = defineSignal<[{ version: number }]>('migrateProbationPolicy');
export const probationStateQuery = defineQuery<{ status: ProbationStatus; policyVersion: number; endsAt: number; metrics: ProbationMetrics | null; review: OpenReview | null }>('probationState');

const activities = proxyActivities<SellerProbationActivities>({
  // a batch of 1,000 events is one transaction of a few statements; the limit bounds a dead worker
  startToCloseTimeout: '60 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['ProbationNotFound', 'PolicyVersionNotFound', 'VettingNotFound'] },
});

const FINAL: readonly ProbationStatus[] = ['graduated', 'suspended'];

export async function sellerProbation(input: SellerProbationInput): Promise<SellerProbationResult> {
  const { probationId } = input;
  const state: CarriedProbationState = input.carried ?? {
    ...(await activities.openProbation({ probationId })),
    metrics: null,
    nextDeadline: null,
    review: null,
    pendingSeqs: [],
    pendingMigration: null,
  };
  const pending = state.pendingSeqs.splice(0);
  // A fresh run also applies whatever was stored but never signalled (a request whose signal failed).
  let sweep = input.carried === undefined;
  let decided: CaseReviewOutcome | null = null;
  // The review runs beside the loop (events keep arriving while a case is open); its failure is
  // kept here and fails the run from the loop, as an awaited review fails the other workflows.
  const reviewFailures: unknown[] = [];

  setHandler(probationEventsSignal, ({ seqs }) => {
    pending.push(...seqs);
  });
  setHandler(migrateProbationPolicySignal, ({ version }) => {
    state.pendingMigration = version;
  });
  setHandler(probationStateQuery, () => ({ status: state.status, policyVersion: state.policyVersion, endsAt: state.endsAt, metrics: state.metrics, review: state.review }));

  async function record(kind: string, to: ProbationStatus, reasons: string[], orderId?: string, resolves?: string): Promise<string> {
    const from = state.status;
    state.status = to;
    state.changeSeq += 1;
    const { changeId, tenantId, data } = await activities.recordProbationChange({
      probationId,
      seq: state.changeSeq,
      kind,
      from,
      to,
      reasons,
      orderId,
      metrics: state.metrics!,
      policyVersion: state.policyVersion,
      at: Date.now(),
      row: { endsAt: state.endsAt, extensions: state.extensions, strikes: state.strikes, baseline: state.baseline, ended: FINAL.includes(to) },
      resolves,
    });
    // The webhook goes out from a child of its own: delivery may retry for days (the webhook
    // window) and neither the probation nor its continue-as-new waits for it.
    await startChild(sellerProbationNotice, {
      workflowId: sellerProbationNoticeWorkflowId(changeId),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{ changeId, tenantId, data, webhook: input.webhook }],
    });
    return changeId;
  }

  function startReview(review: OpenReview): void {
    state.review = review;
    reviewCase({
      definition: sellerProbationCases,
      subjectId: review.changeId,
      tenantId: state.tenantId,
      sellerId: state.sellerId,
      priority: 'high',
      slaSeconds: input.caseSlaSeconds,
    }).then(
      (outcome) => {
        decided = outcome;
      },
      (error: unknown) => {
        reviewFailures.push(error);
      },
    );
  }

  async function restrict(reasons: string[], atEnd: boolean): Promise<void> {
    const resume = state.status === 'extended' ? 'extended' : 'active';
    const changeId = await record('restricted', 'restricted', reasons);
    startReview({ changeId, resume, atEnd });
  }

  async function react(assessment: ProbationAssessment): Promise<void> {
    state.metrics = assessment.metrics;
    state.nextDeadline = assessment.nextDeadline;
    for (const orderId of assessment.held) await record('payout_held', state.status, ['late_shipment'], orderId);
    for (const orderId of assessment.released) await record('payout_released', state.status, ['shipped'], orderId);
    if (assessment.metrics.strikes > state.strikes) {
      state.strikes = assessment.metrics.strikes;
      await record('strike', state.status, ['late_shipments']);
    }
    if ((state.status === 'active' || state.status === 'extended') && !state.review) {
      const breaches = limitBreaches(assessment.metrics, state.parameters, state.baseline);
      if (breaches.length > 0) await restrict(breaches, false);
    }
  }

  // `null` also folds events stored but never signalled (a request whose signal failed and was
  // not retried): every timer and the start of every fresh run pick them up.
  const assess = async (seqs: number[] | null) => await react(await activities.applyProbationEvents({ probationId, seqs, now: Date.now() }));

  function judged(): void {
    const metrics = state.metrics!;
    state.baseline = { refundedOrders: metrics.refundedOrders, negativeReviews: metrics.negativeReviews, strikes: metrics.strikes };
    // metrics recorded before counterfeits were counted have none (replayed histories keep their baseline's shape)
    if (metrics.confirmedCounterfeits !== undefined) state.baseline.confirmedCounterfeits = metrics.confirmedCounterfeits;
  }

  async function settle({ decision }: CaseReviewOutcome): Promise<void> {
    const review = state.review!;
    state.review = null;
    judged();
    if (decision.decision === 'suspend') {
      await record('suspended', 'suspended', ['moderator_suspended'], undefined, review.changeId);
    } else if (decision.decision === 'extend') {
      state.extensions += 1;
      state.endsAt = Math.max(state.endsAt, Date.now()) + state.parameters.extensionSeconds * 1000;
      await record('extended', 'extended', ['moderator_extended'], undefined, review.changeId);
    } else if (review.atEnd) {
      await record('graduated', 'graduated', ['moderator_reinstated'], undefined, review.changeId);
    } else {
      await record('reinstated', review.resume, ['moderator_reinstated'], undefined, review.changeId);
    }
  }

  async function finishTerm(): Promise<void> {
    const result = endOfTerm(state.metrics!, state.parameters, state.extensions, state.baseline);
    if (result.outcome === 'graduate') {
      await record('graduated', 'graduated', ['within_limits']);
    } else if (result.outcome === 'extend') {
      state.extensions += 1;
      state.endsAt = Date.now() + state.parameters.extensionSeconds * 1000;
      await record('extended', 'extended', result.reasons);
    } else {
      await restrict(result.reasons, true);
    }
  }

  async function migrate(version: number): Promise<void> {
    const previous = state.policyVersion;
    const policy = await activities.migrateProbationPolicy({ probationId, version });
    state.policyVersion = policy.version;
    state.parameters = policy.parameters;
    await record('policy_migrated', state.status, [`from_version_${previous}`]);
  }

  if (state.review) startReview(state.review);
  while (!FINAL.includes(state.status)) {
    if (reviewFailures.length > 0) throw reviewFailures[0];
    // Bounded history: signals already received ride along in the carried state. Not while a
    // case is open: a decision the update took must reach this run's settle().
    const info = workflowInfo();
    if ((info.continueAsNewSuggested || info.historyLength >= (input.historyLimit ?? PROBATION_HISTORY_LIMIT)) && !state.review && !decided) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof sellerProbation>({ ...input, carried: { ...state, pendingSeqs: [...pending] } });
    }
    if (pending.length > 0 || sweep) {
      const seqs = sweep ? null : pending.splice(0);
      sweep = false;
      await assess(seqs);
      continue;
    }
    if (state.pendingMigration !== null) {
      const version = state.pendingMigration;
      state.pendingMigration = null;
      await migrate(version);
      await assess(null);
      continue;
    }
    if (decided) {
      const outcome: CaseReviewOutcome = decided;
      decided = null;
      await settle(outcome);
      continue;
    }
    const open = state.status === 'active' || state.status === 'extended';
    if (open && Date.now() >= state.endsAt) {
      await assess(null);
      if (state.status === 'active' || state.status === 'extended') await finishTerm();
      continue;
    }
    const wakeAt = Math.min(state.nextDeadline ?? Infinity, open ? state.endsAt : Infinity);
    const woken = () => pending.length > 0 || state.pendingMigration !== null || decided !== null || reviewFailures.length > 0;
    const signalled = wakeAt === Infinity ? (await condition(woken), true) : await condition(woken, Math.max(1, wakeAt - Date.now()));
    if (!signalled) await assess(null);
  }
  await condition(allHandlersFinished);
  return { status: state.status };
}

/** One change's `seller_probation.changed` webhook (its own workflow: see `record`). */
export async function sellerProbationNotice(input: { changeId: string; tenantId: string; data: Record<string, unknown>; webhook: WebhookRetrySettings }): Promise<void> {
  await notifyMarketplace(
    { subjectType: sellerProbationCases.subjectType, subjectId: input.changeId, eventType: SELLER_PROBATION_WEBHOOK_EVENT, tenantId: input.tenantId, data: input.data },
    input.webhook,
  );
}

/**
 * From an approved vetting: the probation row first (so events the marketplace sends as soon as
 * it hears of the approval find the seller on probation), then the probation's workflow as a
 * child that outlives the vetting (ABANDON). The workflow id derives from the seller, so a
 * second start finds the running one.
 */
export async function enterProbation(vetting: { vettingId: string; webhook: WebhookRetrySettings; caseSlaSeconds: number }): Promise<void> {
  const enrolled = await activities.enrolSellerProbation({ vettingId: vetting.vettingId });
  if (!enrolled.open) return;
  try {
    await startChild(sellerProbation, {
      workflowId: enrolled.workflowId,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{ probationId: enrolled.probationId, webhook: vetting.webhook, caseSlaSeconds: vetting.caseSlaSeconds }],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
