/**
 * One verdict shape across capabilities (docs/api.md, "The verdict"): for each capability, a
 * subject the policy settles and one a moderator settles, and for each the `verdict` of the GET
 * view equals the `verdict` of the signed webhook, value for value; the OpenAPI document gives the
 * three views one `Verdict` component. A restricting outcome carries its statement of reasons
 * (DSA Art. 17), the same in the view, the webhook and `GET /v1/statements-of-reasons`, and
 * exportable to the Transparency Database as it is.
 */
import { randomUUID } from 'node:crypto';
import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCodes } from './support/brandCodes.ts';
import { VerdictView } from '../api/verdictSchemas.ts';
import { capabilities as declarations } from '../core/capabilities.ts';
import { toTransparencyDatabase, transparencyDatabaseProblems, type StatementView } from '../core/statementsOfReasons.ts';
import { consoleUser } from './support/console.ts';
import { bearer, gucci, listing, putBrand, submitListing } from './support/listings.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';
import { applicantFor, registerWebhook, submitVetting } from './support/vettings.ts';
import { startWebhookReceiver } from './support/webhookReceiver.ts';

let platform: TestPlatform;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  platform = await startTestPlatform({ documents: true, config: { WEBHOOK_RETRY_INITIAL_SECONDS: '1' } });
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await platform?.close();
  await receiver?.close();
});

type Verdict = {
  outcome: string | null;
  decidedBy: string | null;
  automated: { outcome: string } | null;
  review: { caseId: string; decision: string | null; note: string | null } | null;
  statementOfReasons: StatementView | null;
};
type View = { id: string; status: string; verdict: Verdict };

const contentPost = (creatorId: string, caption: string, postedAt = '2026-11-29T07:00:00Z') => ({ postId: `post-${uniqueSuffix()}`, creatorId, postedAt, caption, surface: 'image' });
const submitContent = async (apiKey: string, body: Record<string, unknown>) =>
  await platform.app.inject({ method: 'POST', url: '/v1/content-screenings?wait=10', headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() }, payload: body });

const submitCheck = async (apiKey: string, body: Record<string, unknown>) =>
  await platform.app.inject({
    method: 'POST',
    url: '/v1/authenticity-checks',
    headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
    payload: { orderId: `order-${uniqueSuffix()}`, buyerId: 'buyer-1', sellerId: 'seller-1', brandKey: 'brush-co', ...body },
  });

interface Capability {
  name: string;
  /** the view's path under /v1, and the webhook data's id field */
  path: string;
  idField: string;
  prepare?: (apiKey: string) => Promise<void>;
  /** submits a subject the policy settles, and one it escalates; answers their ids */
  settledByPolicy: (apiKey: string) => Promise<string>;
  escalated: (apiKey: string) => Promise<string>;
  /** the moderator's decision: a restricting one, so its statement of reasons is checked too */
  decision: string;
  subjectType: string;
}

const capabilities: Capability[] = [
  {
    name: 'seller vetting',
    path: 'seller-vettings',
    idField: 'vettingId',
    settledByPolicy: async (apiKey) => (await submitVetting(platform, apiKey, applicantFor('td3-valid-01.jpg'))).json().id,
    escalated: async (apiKey) => (await submitVetting(platform, apiKey, applicantFor('td3-mismatch-01.jpg'))).json().id,
    decision: 'reject',
    subjectType: 'seller_vetting',
  },
  {
    name: 'listing screening',
    path: 'listing-screenings',
    idField: 'screeningId',
    prepare: async (apiKey) => void (await putBrand(platform, apiKey, 'gucci', gucci)),
    settledByPolicy: async (apiKey) => (await submitListing(platform, apiKey, listing({ sellerId: 'gucci-boutique', title: 'Gucci Marmont bag, end of season', price: { amount: 450, currency: 'USD' } }))).json().id,
    escalated: async (apiKey) => (await submitListing(platform, apiKey, listing({ title: 'Gu\u0441ci Marmont shoulder bag', price: { amount: 400, currency: 'USD' } }))).json().id,
    decision: 'block',
    subjectType: 'listing_screening',
  },
  {
    name: 'content screening',
    path: 'content-screenings',
    idField: 'screeningId',
    settledByPolicy: async (apiKey) => (await submitContent(apiKey, contentPost(`creator-${uniqueSuffix()}`, '#ad my honest pick this week'))).json().id,
    // eleven promos in a day: the cadence detector escalates the eleventh
    escalated: async (apiKey) => {
      const creatorId = `burst-${uniqueSuffix()}`;
      let id = '';
      for (let index = 0; index < 11; index += 1) {
        const response = await submitContent(apiKey, contentPost(creatorId, `#ad Product ${index} is ${'great '.repeat(index + 1)}`, `2026-11-29T${String(8 + index).padStart(2, '0')}:30:00Z`));
        expect(response.statusCode, response.body).toBe(200);
        id = response.json().id;
      }
      return id;
    },
    decision: 'takedown_request',
    subjectType: 'content_screening',
  },
  {
    name: 'authenticity check',
    path: 'authenticity-checks',
    idField: 'checkId',
    prepare: async (apiKey) => {
      const brand = await platform.app.inject({ method: 'PUT', url: '/v1/brands/brush-co', headers: bearer(apiKey), payload: { name: 'Brush Co', gtins: ['09506000134352'], codeRegistry: 'bonafide' } });
      expect(brand.statusCode, brand.body).toBe(200);
      const codes = await importCodes(platform, apiKey, 'brush-co', [{ gtin: '09506000134352', serial: 'REVOKED1', status: 'revoked' }]);
      expect(codes.statusCode, codes.body).toBe(200);
    },
    settledByPolicy: async (apiKey) => (await submitCheck(apiKey, { claimedCode: '(01)09506000134352(21)REVOKED1' })).json().id,
    // a GTIN that is not the brand's: a moderator looks
    escalated: async (apiKey) => (await submitCheck(apiKey, { claimedCode: '(01)04006381333931(21)X1' })).json().id,
    decision: 'likely_counterfeit',
    subjectType: 'authenticity_check',
  },
];

async function read(apiKey: string, capability: Capability, id: string): Promise<View> {
  const response = await platform.app.inject({ method: 'GET', url: `/v1/${capability.path}/${id}`, headers: bearer(apiKey) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function until(apiKey: string, capability: Capability, id: string, status: string): Promise<View> {
  let latest: View | undefined;
  await expect.poll(async () => (latest = await read(apiKey, capability, id)).status, { timeout: 60_000, interval: 200 }).toBe(status);
  return latest!;
}

async function webhookData(secret: string, capability: Capability, id: string): Promise<{ status: string; verdict: Verdict }> {
  const verifier = new Webhook(secret);
  // the completed event only: a subject may cause others (an authenticity check's refund request)
  const mine = () =>
    receiver.received.filter((request) => {
      const event = JSON.parse(request.body) as { type: string; data: Record<string, unknown> };
      return event.type.endsWith('.completed') && event.data[capability.idField] === id;
    });
  await expect.poll(() => mine().length, { timeout: 20_000 }).toBe(1);
  const request = mine()[0]!;
  return (verifier.verify(request.body, request.headers as Record<string, string>) as { data: { status: string; verdict: Verdict } }).data;
}

const VERDICT_KEYS = ['automated', 'decidedBy', 'outcome', 'reasons', 'review', 'signals', 'statementOfReasons'];
// TypeBox checks formats only when told how (the API's validator knows them itself)
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value));
if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', (value) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value));

describe.each(capabilities)('the verdict of $name', (capability) => {
  it('is the same in the GET view and the webhook, settled by the policy and by a moderator', { timeout: 180_000 }, async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const secret = await registerWebhook(platform, apiKey, receiver.url);
    await capability.prepare?.(apiKey);

    const byPolicy = await until(apiKey, capability, await capability.settledByPolicy(apiKey), 'completed');
    expect(byPolicy.verdict).toMatchObject({ decidedBy: 'policy', review: null });
    expect(byPolicy.verdict.outcome).toBe(byPolicy.verdict.automated!.outcome);

    const escalatedId = await capability.escalated(apiKey);
    const waiting = await until(apiKey, capability, escalatedId, 'awaiting_review');
    expect(waiting.verdict).toMatchObject({ outcome: null, decidedBy: null, automated: { outcome: 'escalate' }, review: { status: 'open', decision: null, note: null, decidedAt: null } });
    const moderator = await consoleUser(platform, 'moderator', { marketplaces: [tenantId] });
    const note = `settled for the verdict test ${uniqueSuffix()}`;
    const decided = await platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${waiting.verdict.review!.caseId}/decision`, headers: moderator.headers, payload: { decision: capability.decision, note } });
    expect(decided.statusCode, decided.body).toBe(200);
    const byModerator = await until(apiKey, capability, escalatedId, 'completed');
    expect(byModerator.verdict).toMatchObject({ outcome: capability.decision, decidedBy: 'moderator', automated: { outcome: 'escalate' }, review: { status: 'decided', decision: capability.decision, note } });

    const restrictions = declarations.find((declaration) => declaration.cases.subjectType === capability.subjectType)!.statements!.restrictions;
    expect(restrictions[capability.decision], 'the moderator’s decision restricts').toBeDefined();
    for (const view of [byPolicy, byModerator]) {
      expect(Object.keys(view.verdict).sort()).toEqual(VERDICT_KEYS);
      expect(Value.Check(VerdictView, view.verdict), JSON.stringify([...Value.Errors(VerdictView, view.verdict)])).toBe(true);
      const sent = await webhookData(secret, capability, view.id);
      expect(sent.status).toBe(view.status);
      expect(sent.verdict).toEqual(view.verdict);

      const statement = view.verdict.statementOfReasons;
      const listed = await platform.app.inject({ method: 'GET', url: `/v1/statements-of-reasons?subject=${view.id}`, headers: bearer(apiKey) });
      expect(listed.statusCode, listed.body).toBe(200);
      if (!restrictions[view.verdict.outcome!]) {
        expect(statement).toBeNull();
        expect(listed.json().statements).toEqual([]);
        continue;
      }
      expect(statement).toMatchObject({
        subject: { type: capability.subjectType, id: view.id },
        measure: { code: restrictions[view.verdict.outcome!]!.measure },
        decidedBy: view.verdict.decidedBy,
        automatedDetection: true,
        automatedDecision: view.verdict.decidedBy === 'policy' ? 'fully' : 'not_automated',
        caseId: view.verdict.review?.caseId ?? null,
      });
      expect(statement!.facts.length).toBeGreaterThan(0);
      expect(statement!.affectedParty.id.length).toBeGreaterThan(0);
      // the moderator's note may name people: it stays out of the facts
      expect(statement!.facts).not.toContain(note);
      expect(listed.json().statements).toEqual([statement]);
      const one = await platform.app.inject({ method: 'GET', url: `/v1/statements-of-reasons/${statement!.id}`, headers: bearer(apiKey) });
      expect(one.json()).toEqual(statement);
      // another marketplace reads none of it
      const other = await platform.createTenant();
      expect((await platform.app.inject({ method: 'GET', url: `/v1/statements-of-reasons/${statement!.id}`, headers: bearer(other.apiKey) })).statusCode).toBe(404);
      expect((await platform.app.inject({ method: 'GET', url: `/v1/statements-of-reasons?subject=${view.id}`, headers: bearer(other.apiKey) })).json().statements).toEqual([]);
    }
    // every restriction's statement, as stored, is one the Transparency Database takes
    const stored = await platform.database.prisma.statementOfReasons.findMany({ where: { tenantId, subjectType: capability.subjectType } });
    expect(stored.length).toBeGreaterThan(0);
    for (const row of stored) expect(transparencyDatabaseProblems(toTransparencyDatabase(row))).toEqual([]);

    // the restricted party appeals the moderator's decision; another moderator overturns it, and the capability undoes it
    const restricted = byModerator.verdict.statementOfReasons!;
    const appealed = await platform.app.inject({
      method: 'POST',
      url: '/v1/appeals',
      headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
      payload: { subjectType: capability.subjectType, subjectId: byModerator.id, appellant: restricted.affectedParty, statement: 'Please look again.' },
    });
    expect(appealed.statusCode, appealed.body).toBe(202);
    await expect.poll(async () => await platform.database.prisma.case.count({ where: { subjectType: 'appeal', subjectId: appealed.json().id } }), { timeout: 30_000 }).toBe(1);
    const appealCase = await platform.database.prisma.case.findFirstOrThrow({ where: { subjectType: 'appeal', subjectId: appealed.json().id } });
    const second = await consoleUser(platform, 'moderator', { marketplaces: [tenantId] });
    // the appeal takes a decision once its workflow waits for one
    const overturn = () => platform.app.inject({ method: 'POST', url: `/admin/v1/cases/${appealCase.id}/decision`, headers: second.headers, payload: { decision: 'overturned', note: 'overturned for the test' } });
    await expect.poll(async () => (await overturn()).statusCode, { timeout: 30_000, interval: 300 }).toBe(200);
    const undoneOutcome = restrictions[capability.decision]!.overturnedOutcome;
    await expect.poll(async () => (await read(apiKey, capability, byModerator.id)).verdict.outcome, { timeout: 30_000 }).toBe(undoneOutcome);
    expect((await read(apiKey, capability, byModerator.id)).verdict.statementOfReasons!.overturned).toMatchObject({ appealId: appealed.json().id });
  });
});

describe('the OpenAPI document', () => {
  it('gives every capability view the one Verdict component', async () => {
    const document = (await platform.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(document.components.schemas.Verdict.properties).sort()).toEqual(VERDICT_KEYS);
    for (const { path } of capabilities) {
      const view = document.paths[`/v1/${path}/{id}`].get.responses['200'].content['application/json'].schema;
      expect(view.properties.verdict, path).toEqual({ $ref: '#/components/schemas/Verdict' });
      for (const old of ['outcome', 'decidedBy', 'automatedVerdict', 'review', 'signals', 'reasons', 'score']) expect(view.properties, `${path} ${old}`).not.toHaveProperty(old);
    }
  });
});
