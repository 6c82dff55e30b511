/**
 * Reads the `subject` the API's seller-probation registration presents for a case
 * (api/routes/seller-probations/caseSubject.ts), defensively: a missing or odd field reads as
 * absent rather than breaking the page. Rows for the metrics table are built here, tested apart.
 */
type Loose = Record<string, unknown>;
const isRecord = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const records = (value: unknown): Loose[] => (Array.isArray(value) ? value.filter(isRecord) : []);

export interface MetricRow {
  /** message key under bonafide.probation.metric */
  metric: string;
  value: string;
  limit: string;
  /** null: not evaluated yet (the minimum sample is not reached) */
  within: boolean | null;
}

export interface ProbationChangeRow {
  sequence: number;
  change: string;
  from: string;
  to: string;
  reasons: string[];
  orderId: string | null;
  at: string;
}

export interface ProbationSubject {
  sellerId: string;
  status: string;
  policyVersion: number | null;
  restrictionReasons: string[];
  metrics: MetricRow[];
  heldPayouts: { orderId: string; reasons: string[] }[];
  changes: ProbationChangeRow[];
}

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

function rateRow(metric: string, value: unknown): MetricRow {
  const rate = isRecord(value) ? value : {};
  const evaluated = rate.evaluated === true;
  return { metric, value: percent(num(rate.value)), limit: `≤ ${percent(num(rate.limit))}`, within: evaluated ? rate.within === true : null };
}

export function metricRows(probation: Loose): MetricRow[] {
  const orders = isRecord(probation.orders) ? probation.orders : {};
  const strikes = isRecord(probation.strikes) ? probation.strikes : {};
  const today = isRecord(probation.todayOrderAllowance) ? probation.todayOrderAllowance : {};
  const strikeCount = num(strikes.count) ?? 0;
  const strikeLimit = num(strikes.limit);
  return [
    { metric: 'orders', value: text(orders.placed), limit: `≥ ${text(orders.required)}`, within: null },
    { metric: 'late_shipments', value: text(probation.lateShipments), limit: '', within: null },
    { metric: 'strikes', value: String(strikeCount), limit: strikeLimit === null ? '' : `< ${strikeLimit}`, within: strikeLimit === null ? null : strikeCount < strikeLimit },
    rateRow('refund_rate', probation.refundRate),
    rateRow('negative_review_rate', probation.negativeReviewRate),
    { metric: 'today_orders', value: text(today.placed), limit: `≤ ${text(today.cap)}`, within: (num(today.placed) ?? 0) <= (num(today.cap) ?? Infinity) },
  ];
}

export function readProbationSubject(subject: unknown): ProbationSubject | null {
  if (!isRecord(subject) || !isRecord(subject.probation)) return null;
  const probation = subject.probation;
  const restriction = isRecord(subject.restriction) ? subject.restriction : {};
  const policy = isRecord(probation.policy) ? probation.policy : {};
  return {
    sellerId: text(probation.sellerId),
    status: text(probation.status),
    policyVersion: num(policy.version),
    restrictionReasons: strings(restriction.reasons),
    metrics: metricRows(probation),
    heldPayouts: records(probation.heldPayouts).map((payout) => ({ orderId: text(payout.orderId), reasons: strings(payout.reasons) })),
    changes: records(probation.changes).map((change) => ({
      sequence: num(change.sequence) ?? 0,
      change: text(change.change),
      from: text(change.from),
      to: text(change.to),
      reasons: strings(change.reasons),
      orderId: typeof change.orderId === 'string' ? change.orderId : null,
      at: text(change.at),
    })),
  };
}
