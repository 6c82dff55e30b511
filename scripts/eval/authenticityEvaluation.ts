/**
 * Buyer authenticity checks, measured on the frozen labelled set in fixtures/authenticity-checks/
 * (written from the text by someone who never saw the detectors) through the real
 * platform: the brands, their codes, the gallery and the listings go in through the API as a
 * marketplace sends them, then every check in the set's order, each waited for until it settles
 * (a clone is a clone only once the first use is recorded). Nothing here knows what a detector
 * looks for; it reads the answers the API gives.
 *
 * Tune and report parts: the set's own `split` field (`tune` / `holdout`), fixed by its author
 * and never moved (fixtures/authenticity-checks/README.md). Thresholds and policy are tuned on
 * `tune`; the docs quote `holdout`.
 *
 * How an answer is read:
 * - outcome: a completed check's verdict outcome; a check waiting for the seller's answer or for
 *   a moderator is `needs_review` (the set's label for "leans counterfeit or cannot be settled
 *   without a person"); a failed check or one that did not settle in time is `failed`.
 * - automatic refund: completed `likely_counterfeit` decided by the policy (the workflow records
 *   the counterfeit and requests the refund then, and only then).
 * - code read: a code printed on a photo was read (any of the photo code signals).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { multipartBody } from '../../integration/support/multipart.ts';

export const authenticitySetDir = path.join(import.meta.dirname, '..', '..', 'fixtures', 'authenticity-checks');

export const OUTCOMES = ['likely_genuine', 'likely_counterfeit', 'needs_review', 'retake_requested'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type Split = 'tune' | 'holdout';
export const DAMAGE_KINDS = ['none', 'angle', 'blur', 'glare', 'low_light', 'small', 'jpeg_noise'] as const;

export interface LabelledCheck {
  id: string;
  split: Split;
  kind: string;
  why: string;
  request: {
    orderId: string;
    buyerId: string;
    sellerId: string;
    listingId?: string;
    brandKey?: string;
    claimedCode?: string;
    photos?: { kind: string; file: string }[];
    buyerNote?: string;
  };
  expected: { outcome: Outcome; automaticRefund: boolean; codeReadable: boolean | null; damage: string | null };
}

interface Brand extends Record<string, unknown> {
  key: string;
}
interface GalleryEntry {
  file: string;
  data: { brandKey: string; label: string; source?: string };
}
interface Listing {
  listingId: string;
  sellerId: string;
  brandKey: string;
  title: string;
  price: { amount: number; currency: string };
  photos: { file: string }[];
}

export interface AuthenticitySet {
  brands: Brand[];
  codes: (Record<string, unknown> & { brandKey: string })[];
  gallery: GalleryEntry[];
  listings: Listing[];
  checks: LabelledCheck[];
}

const readJson = <T>(name: string): T => JSON.parse(readFileSync(path.join(authenticitySetDir, name), 'utf8')) as T;
const readLines = <T>(name: string): T[] =>
  readFileSync(path.join(authenticitySetDir, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);

export function loadAuthenticitySet(): AuthenticitySet {
  return {
    brands: readJson<Brand[]>('brands.json'),
    codes: readLines('codes.jsonl'),
    gallery: readJson<GalleryEntry[]>('gallery.json'),
    listings: readJson<Listing[]>('listings.json'),
    checks: readLines<LabelledCheck>('checks.jsonl'),
  };
}

const photo = (file: string) => readFileSync(path.join(authenticitySetDir, file));

// ---- driving the API ---------------------------------------------------------------------------

/** One API request with the marketplace's key already on it: `app.inject` in tests, HTTP for the command. */
export type ApiCall = (request: { method: 'GET' | 'POST' | 'PUT'; url: string; headers?: Record<string, string>; payload?: string | Buffer | Record<string, unknown> }) => Promise<{ statusCode: number; body: string }>;

async function call(api: ApiCall, request: Parameters<ApiCall>[0], expected: number[]): Promise<Record<string, unknown>> {
  const response = await api(request);
  if (!expected.includes(response.statusCode)) throw new Error(`${request.method} ${request.url}: ${response.statusCode} ${response.body.slice(0, 500)}`);
  return JSON.parse(response.body) as Record<string, unknown>;
}

/** Reads `url` until `settled` holds; a loaded machine may be slow, so the deadline is generous. */
async function until(api: ApiCall, url: string, settled: (body: Record<string, unknown>) => boolean, timeoutMs: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 25; ; wait = Math.min(wait * 2, 150)) {
    const body = await call(api, { method: 'GET', url }, [200]);
    if (settled(body) || Date.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * How long a gallery picture, a listing or a check may take to settle: the machines this runs on
 * are shared, and under a load of 10-15 on 2 cores indexing the gallery alone took over 2 minutes.
 * Longer than an activity's 10-minute timeout, so an activity that stalls is retried within it
 * (a gallery picture's fingerprinting has stalled so, see docs/authenticity-checks.md).
 */
const SETTLE_TIMEOUT_MS = 15 * 60_000;

/** The statuses at which a check has its answer (the seller's window and a case are answers: needs review). */
const SETTLED = new Set(['completed', 'awaiting_review', 'awaiting_seller_response', 'failed']);

/** Brands, their codes, the gallery (indexed) and the listings (screened with their pictures), as the README's replay says. */
export async function loadMarketplace(api: ApiCall, set: AuthenticitySet): Promise<void> {
  for (const { key, ...body } of set.brands) await call(api, { method: 'PUT', url: `/v1/brands/${key}`, payload: body }, [200, 201]);
  for (const brand of set.brands) {
    const lines = set.codes.filter((line) => line.brandKey === brand.key).map(({ brandKey: _brand, ...line }) => JSON.stringify(line));
    if (lines.length === 0) continue;
    // an import batch, answered once written (`?wait`)
    const answer = await call(api, { method: 'POST', url: `/v1/brands/${brand.key}/codes?wait=30`, headers: { 'content-type': 'application/x-ndjson', 'idempotency-key': randomUUID() }, payload: lines.join('\n') }, [200]);
    if (answer.status !== 'completed' || answer.failed !== 0) throw new Error(`codes of ${brand.key} not all written: ${JSON.stringify(answer)}`);
  }
  const galleryIds: string[] = [];
  for (const entry of set.gallery) {
    // The set names the brand's own photo `genuine`; the API's label for it is `official`.
    const data = { ...entry.data, label: entry.data.label === 'genuine' ? 'official' : entry.data.label };
    const boundary = `b${randomUUID().replaceAll('-', '')}`;
    const created = await call(
      api,
      {
        method: 'POST',
        url: '/v1/gallery-images',
        headers: { 'idempotency-key': randomUUID(), 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: multipartBody([{ name: 'data', value: JSON.stringify(data) }, { name: 'image', value: photo(entry.file), filename: path.basename(entry.file), contentType: 'image/jpeg' }], boundary),
      },
      [200, 201, 202],
    );
    galleryIds.push(String(created.id));
  }
  const screeningIds: string[] = [];
  for (const listing of set.listings) {
    const body = {
      listingId: listing.listingId,
      sellerId: listing.sellerId,
      title: listing.title,
      description: '',
      price: listing.price,
      claimedBrand: listing.brandKey,
      images: listing.photos.map((picture) => ({ imageBase64: photo(picture.file).toString('base64') })),
    };
    const created = await call(api, { method: 'POST', url: '/v1/listing-screenings', headers: { 'idempotency-key': randomUUID() }, payload: body }, [200, 202]);
    screeningIds.push(String(created.id));
  }
  for (const id of galleryIds) {
    const image = await until(api, `/v1/gallery-images/${id}`, (body) => body.status === 'indexed' || body.status === 'failed', SETTLE_TIMEOUT_MS);
    if (image.status !== 'indexed') throw new Error(`gallery image ${id} ended ${String(image.status)}`);
  }
  for (const id of screeningIds) {
    const screening = await until(api, `/v1/listing-screenings/${id}`, (body) => ['completed', 'awaiting_review', 'failed'].includes(String(body.status)), SETTLE_TIMEOUT_MS);
    if (!['completed', 'awaiting_review'].includes(String(screening.status))) throw new Error(`listing screening ${id} ended ${String(screening.status)}`);
  }
}

export interface CheckResult {
  check: LabelledCheck;
  checkId: string;
  status: string;
  outcome: Outcome | 'failed';
  automaticRefund: boolean;
  codeRead: boolean;
  retake: { position: number; kind: string; reason: string }[];
  signals: string[];
}

const CODE_READ_SIGNALS = new Set(['authenticity.photo_code_read', 'authenticity.photo_code_agrees', 'authenticity.photo_code_mismatch', 'authenticity.photo_code_check_digit_invalid']);

interface CheckView {
  id: string;
  status: string;
  verdict: { outcome: string | null; decidedBy?: string | null; signals: { code: string }[] } | null;
  actions: { refundRequested: unknown; counterfeitRecorded: boolean };
  retake: { position: number; kind: string; reason: string }[];
}

export function readAnswer(check: LabelledCheck, view: CheckView): CheckResult {
  const signals = (view.verdict?.signals ?? []).map((signal) => signal.code);
  const outcome: CheckResult['outcome'] =
    view.status === 'completed' && OUTCOMES.includes(view.verdict?.outcome as Outcome)
      ? (view.verdict!.outcome as Outcome)
      : view.status === 'awaiting_review' || view.status === 'awaiting_seller_response'
        ? 'needs_review'
        : 'failed';
  return {
    check,
    checkId: view.id,
    status: view.status,
    outcome,
    automaticRefund: view.status === 'completed' && outcome === 'likely_counterfeit' && (view.actions.counterfeitRecorded || view.actions.refundRequested !== null),
    codeRead: signals.some((code) => CODE_READ_SIGNALS.has(code)),
    retake: view.retake.map(({ position, kind, reason }) => ({ position, kind, reason })),
    signals: [...new Set(signals)].sort(),
  };
}

/** Submits one labelled check with its photos inline and waits for its answer. */
export async function submitCheck(api: ApiCall, check: LabelledCheck, timeoutMs = SETTLE_TIMEOUT_MS): Promise<CheckResult> {
  const { photos, ...rest } = check.request;
  const body = { ...rest, ...(photos ? { photos: photos.map((picture) => ({ kind: picture.kind, imageBase64: photo(picture.file).toString('base64') })) } : {}) };
  const created = await call(api, { method: 'POST', url: '/v1/authenticity-checks', headers: { 'idempotency-key': randomUUID() }, payload: body }, [200, 202]);
  const view = await until(api, `/v1/authenticity-checks/${String(created.id)}`, (answer) => SETTLED.has(String(answer.status)), timeoutMs);
  return readAnswer(check, view as unknown as CheckView);
}

/**
 * The whole replay: the marketplace's data, then the checks `include` keeps, in the set's order,
 * one at a time (each settles before the next is sent).
 */
export async function replayAuthenticitySet(api: ApiCall, options: { include?: (check: LabelledCheck) => boolean; progress?: (result: CheckResult, done: number, total: number) => void } = {}): Promise<CheckResult[]> {
  const set = loadAuthenticitySet();
  await loadMarketplace(api, set);
  const checks = set.checks.filter(options.include ?? (() => true));
  const results: CheckResult[] = [];
  for (const check of checks) {
    const result = await submitCheck(api, check);
    results.push(result);
    options.progress?.(result, results.length, checks.length);
  }
  return results;
}

// ---- figures -----------------------------------------------------------------------------------

export interface Rate {
  hits: number;
  of: number;
  rate: number | null;
}
const rate = (hits: number, of: number): Rate => ({ hits, of, rate: of === 0 ? null : hits / of });

export interface AuthenticityFigures {
  checks: number;
  counterfeit: { precision: number | null; recall: number | null; truePositives: number; falsePositives: number; falseNegatives: number };
  /** automatic refunds the labels say should not have gone out, of all automatic refunds */
  wrongRefunds: Rate;
  /** labelled refunds that went out */
  refundRecall: Rate;
  /** checks whose outcome is the labelled one */
  accuracy: Rate;
  /** checks whose labels say the code can be read, per damage on the label photo: how many were read */
  codeReadByDamage: Record<(typeof DAMAGE_KINDS)[number], Rate>;
  codeRead: Rate;
  /** checks whose code the labels say can be read that were asked for a retake */
  retakeOnReadable: Rate;
  /** expected outcome → actual outcome → count */
  confusion: Record<Outcome, Record<Outcome | 'failed', number>>;
  /** per kind of check: how many got the labelled outcome */
  byKind: Record<string, Rate>;
}

export function scoreAuthenticity(results: readonly CheckResult[]): AuthenticityFigures {
  const tp = results.filter((r) => r.outcome === 'likely_counterfeit' && r.check.expected.outcome === 'likely_counterfeit').length;
  const fp = results.filter((r) => r.outcome === 'likely_counterfeit' && r.check.expected.outcome !== 'likely_counterfeit').length;
  const fn = results.filter((r) => r.outcome !== 'likely_counterfeit' && r.check.expected.outcome === 'likely_counterfeit').length;
  const refunds = results.filter((r) => r.automaticRefund);
  const readable = results.filter((r) => r.check.expected.codeReadable === true);
  const damageOf = (r: CheckResult) => (r.check.expected.damage ?? 'none') as (typeof DAMAGE_KINDS)[number];
  const confusion = Object.fromEntries(OUTCOMES.map((expected) => [expected, Object.fromEntries([...OUTCOMES, 'failed'].map((actual) => [actual, 0]))])) as AuthenticityFigures['confusion'];
  for (const r of results) confusion[r.check.expected.outcome][r.outcome]++;
  const kinds = [...new Set(results.map((r) => r.check.kind))];
  return {
    checks: results.length,
    counterfeit: { precision: tp + fp === 0 ? null : tp / (tp + fp), recall: tp + fn === 0 ? null : tp / (tp + fn), truePositives: tp, falsePositives: fp, falseNegatives: fn },
    wrongRefunds: rate(refunds.filter((r) => !r.check.expected.automaticRefund).length, refunds.length),
    refundRecall: rate(results.filter((r) => r.check.expected.automaticRefund && r.automaticRefund).length, results.filter((r) => r.check.expected.automaticRefund).length),
    accuracy: rate(results.filter((r) => r.outcome === r.check.expected.outcome).length, results.length),
    codeReadByDamage: Object.fromEntries(DAMAGE_KINDS.map((damage) => {
      const these = readable.filter((r) => damageOf(r) === damage);
      return [damage, rate(these.filter((r) => r.codeRead).length, these.length)];
    })) as AuthenticityFigures['codeReadByDamage'],
    codeRead: rate(readable.filter((r) => r.codeRead).length, readable.length),
    retakeOnReadable: rate(readable.filter((r) => r.outcome === 'retake_requested').length, readable.length),
    confusion,
    byKind: Object.fromEntries(kinds.sort().map((kind) => {
      const these = results.filter((r) => r.check.kind === kind);
      return [kind, rate(these.filter((r) => r.outcome === r.check.expected.outcome).length, these.length)];
    })),
  };
}

/** Checks whose outcome or refund is not the labelled one, in the set's order. */
export const missesOf = (results: readonly CheckResult[]) => results.filter((r) => r.outcome !== r.check.expected.outcome || r.automaticRefund !== r.check.expected.automaticRefund);
