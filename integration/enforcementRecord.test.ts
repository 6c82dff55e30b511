/**
 * Strikes and standing (DSA Art. 23): each restriction the enforcement policy weighs is a strike on
 * the party it restricts, written with its statement of reasons; the record weighs the active ones
 * and the policy gives the standing: good, warning, suspension review. The weights and thresholds
 * are the policy's, changed by publishing a version. The transparency figures count them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ENFORCEMENT_PARAMETERS, ENFORCEMENT_POLICY_KEY, shippedEnforcementPolicy } from '../core/enforcement.ts';
import { importCodes } from './support/brandCodes.ts';
import { consoleUser, moderatorSession } from './support/console.ts';
import { bearer, gucci, listing, putBrand, submitListing } from './support/listings.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

const record = async (apiKey: string, sellerId: string) => {
  const response = await platform.app.inject({ method: 'GET', url: `/v1/sellers/${sellerId}/record`, headers: bearer(apiKey) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

/** A listing of the seller's that the policy blocks ("1:1 replica"); answers its statement's id. */
async function blockListing(apiKey: string, sellerId: string): Promise<string> {
  const answered = await submitListing(platform, apiKey, listing({ sellerId, title: 'Gucci Marmont bag 1:1 replica', description: 'AAA replica, mirror quality', price: { amount: 90, currency: 'USD' } }), '?wait=20');
  expect(answered.statusCode, answered.body).toBe(200);
  expect(answered.json().verdict.outcome).toBe('block');
  return answered.json().verdict.statementOfReasons.id;
}

describe('a seller’s record', () => {
  it('counts each restriction as a strike and gives the standing its active weight calls for', { timeout: 120_000 }, async () => {
    const { apiKey } = await platform.createTenant();
    const sellerId = `shop-${uniqueSuffix()}`;
    await putBrand(platform, apiKey, 'gucci', gucci);
    expect(await record(apiKey, sellerId)).toMatchObject({ party: { type: 'seller', id: sellerId }, standing: 'good_standing', reasons: [], activeStrikes: { count: 0, weight: 0 }, strikes: [] });

    const first = await blockListing(apiKey, sellerId);
    const one = await record(apiKey, sellerId);
    expect(one).toMatchObject({ standing: 'good_standing', activeStrikes: { count: 1, weight: 1 }, policy: { key: ENFORCEMENT_POLICY_KEY } });
    expect(one.strikes).toMatchObject([{ measure: 'listing_removed', weight: 1, statementOfReasonsId: first, subject: { type: 'listing_screening' }, active: true, withdrawnAt: null }]);
    const days = (new Date(one.strikes[0].expiresAt).getTime() - new Date(one.strikes[0].createdAt).getTime()) / 86_400_000;
    expect(days).toBe(DEFAULT_ENFORCEMENT_PARAMETERS.strikeExpiryDays);

    await blockListing(apiKey, sellerId);
    const warned = await record(apiKey, sellerId);
    expect(warned).toMatchObject({ standing: 'warning', activeStrikes: { count: 2, weight: 2 } });
    expect(warned.reasons.map((reason: { code: string }) => reason.code)).toEqual(['record.warning_weight_reached']);

    // a confirmed counterfeit of the same seller weighs 3: a suspension is to be reviewed
    const brand = await platform.app.inject({ method: 'PUT', url: '/v1/brands/brush-co', headers: bearer(apiKey), payload: { name: 'Brush Co', gtins: ['09506000134352'], codeRegistry: 'bonafide' } });
    expect(brand.statusCode, brand.body).toBe(200);
    expect((await importCodes(platform, apiKey, 'brush-co', [{ gtin: '09506000134352', serial: 'REVOKED9', status: 'revoked' }])).statusCode).toBe(200);
    const check = await platform.app.inject({
      method: 'POST',
      url: '/v1/authenticity-checks?wait=20',
      headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
      payload: { orderId: `order-${uniqueSuffix()}`, buyerId: 'buyer-1', sellerId, brandKey: 'brush-co', claimedCode: '(01)09506000134352(21)REVOKED9' },
    });
    expect(check.statusCode, check.body).toBe(200);
    await expect.poll(async () => (await record(apiKey, sellerId)).activeStrikes, { timeout: 30_000 }).toEqual({ count: 3, weight: 5 });
    const review = await record(apiKey, sellerId);
    expect(review.standing).toBe('suspension_review');
    expect(review.reasons.map((reason: { code: string }) => reason.code).sort()).toEqual(['record.suspension_review_weight_reached', 'record.warning_weight_reached']);
    // newest first, each with the statement it came from
    expect(review.strikes.map((strike: { measure: string }) => strike.measure)).toEqual(['counterfeit_confirmed', 'listing_removed', 'listing_removed']);
    const statements = (await platform.app.inject({ method: 'GET', url: `/v1/statements-of-reasons?affectedParty=${sellerId}`, headers: bearer(apiKey) })).json().statements;
    expect(review.strikes.map((strike: { statementOfReasonsId: string }) => strike.statementOfReasonsId)).toEqual(statements.map((statement: { id: string }) => statement.id));

    // another marketplace's seller of the same id has a record of its own
    const other = await platform.createTenant();
    expect(await record(other.apiKey, sellerId)).toMatchObject({ standing: 'good_standing', activeStrikes: { count: 0, weight: 0 } });
    // a creator's record answers the same way
    const creator = await platform.app.inject({ method: 'GET', url: `/v1/creators/creator-${uniqueSuffix()}/record`, headers: bearer(apiKey) });
    expect(creator.json()).toMatchObject({ party: { type: 'creator' }, standing: 'good_standing' });
  });

  it('is on the case page of the seller’s next escalation', { timeout: 120_000 }, async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    const sellerId = `shop-${uniqueSuffix()}`;
    // a seller the marketplace vetted has a seller row, which cases point to
    await platform.database.prisma.seller.create({ data: { tenantId, externalId: sellerId, status: 'approved', approvedAt: new Date() } });
    await putBrand(platform, apiKey, 'gucci', gucci);
    await blockListing(apiKey, sellerId);
    await blockListing(apiKey, sellerId);
    const escalated = await submitListing(platform, apiKey, listing({ sellerId, title: 'Gu\u0441ci Marmont shoulder bag', price: { amount: 400, currency: 'USD' } }), '?wait=20');
    const caseId = escalated.json().verdict.review.caseId;
    const moderator = await consoleUser(platform, 'moderator', { marketplaces: [tenantId] });
    const page = (await platform.app.inject({ method: 'GET', url: `/admin/v1/cases/${caseId}`, headers: moderator.headers })).json();
    expect(page.seller.record).toMatchObject({ standing: 'warning', activeStrikes: { count: 2, weight: 2 } });
    expect(page.seller.record.strikes.map((strike: { measure: string; active: boolean }) => [strike.measure, strike.active])).toEqual([
      ['listing_removed', true],
      ['listing_removed', true],
    ]);
  });

  describe('under a published version of the enforcement policy', () => {
    // Policies are global: this version is replaced by the shipped one again at the end.
    afterAll(async () => {
      const admin = await moderatorSession(platform, 'admin');
      await platform.app.inject({ method: 'POST', url: '/admin/v1/policies', headers: admin, payload: { key: ENFORCEMENT_POLICY_KEY, rules: shippedEnforcementPolicy, note: 'test: the shipped rules again' } });
    });

    it('weighs new strikes by its weights and judges by its thresholds; refuses numbers it could not use', { timeout: 120_000 }, async () => {
      const admin = await moderatorSession(platform, 'admin');
      const invalid = await platform.app.inject({
        method: 'POST',
        url: '/admin/v1/policies',
        headers: admin,
        payload: { key: ENFORCEMENT_POLICY_KEY, rules: { ...shippedEnforcementPolicy, parameters: { ...DEFAULT_ENFORCEMENT_PARAMETERS, strikeWeights: { listing_removed: -1 } } } },
      });
      expect(invalid.statusCode).toBe(400);
      const published = await platform.app.inject({
        method: 'POST',
        url: '/admin/v1/policies',
        headers: admin,
        payload: { key: ENFORCEMENT_POLICY_KEY, rules: { ...shippedEnforcementPolicy, parameters: { ...DEFAULT_ENFORCEMENT_PARAMETERS, strikeWeights: { listing_removed: 0.5 }, warningAtWeight: 0.5 } }, note: 'test: half strikes, early warnings' },
      });
      expect(published.statusCode, published.body).toBe(201);

      const { apiKey } = await platform.createTenant();
      const sellerId = `shop-${uniqueSuffix()}`;
      await putBrand(platform, apiKey, 'gucci', gucci);
      await blockListing(apiKey, sellerId);
      const weighed = await record(apiKey, sellerId);
      expect(weighed).toMatchObject({ standing: 'warning', activeStrikes: { count: 1, weight: 0.5 }, policy: { version: published.json().version } });
    });
  });
});

describe('the transparency report', () => {
  it('counts a period’s restrictions, strikes and export by dimension, as JSON and CSV, for the marketplaces the user works for', { timeout: 120_000 }, async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    await putBrand(platform, apiKey, 'gucci', gucci);
    const sellerId = `shop-${uniqueSuffix()}`;
    await blockListing(apiKey, sellerId);
    await blockListing(apiKey, sellerId);
    const today = new Date().toISOString().slice(0, 10);
    const senior = await consoleUser(platform, 'senior_moderator', { marketplaces: [tenantId] });
    const report = async (query: string, headers = senior.headers) => await platform.app.inject({ method: 'GET', url: `/admin/v1/transparency-report?${query}`, headers });

    const answered = await report(`from=${today}&to=${today}`);
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toEqual({
      from: today,
      to: today,
      restrictions: {
        total: 2,
        byCapability: [{ value: 'listing_screening', count: 2 }],
        byMeasure: [{ value: 'listing_removed', count: 2 }],
        byGround: [{ value: 'DECISION_GROUND_INCOMPATIBLE_CONTENT', count: 2 }],
        byCategory: [{ value: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS', count: 2 }],
        byAutomatedDecision: [{ value: 'fully', count: 2 }],
        bySource: [{ value: 'SOURCE_VOLUNTARY', count: 2 }],
        byDecidedBy: [{ value: 'policy', count: 2 }],
      },
      strikes: { issued: 2, withdrawn: 0, parties: 1 },
      transparencyDatabase: { pending: 2, accepted: 0, refused: 0 },
      appeals: { received: 0, decided: 0, upheld: 0, overturned: 0, medianSecondsToDecision: null },
    });
    // a period before them counts nothing
    expect((await report('from=2020-01-01&to=2020-12-31')).json().restrictions.total).toBe(0);

    const csv = await report(`from=${today}&to=${today}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n')).toEqual(expect.arrayContaining(['"section","dimension","value","count"', '"restrictions","total","",2', '"restrictions","byCapability","listing_screening",2', '"strikes","issued","",2']));

    // bad periods, other marketplaces and lower roles are refused
    expect((await report(`from=${today}&to=2020-01-01`)).statusCode).toBe(400);
    expect((await report('from=2020-01-01&to=2026-01-01')).statusCode).toBe(400);
    expect((await report('from=yesterday&to=today')).statusCode).toBe(400);
    const other = await platform.createTenant();
    expect((await report(`from=${today}&to=${today}&tenantId=${other.tenantId}`)).statusCode).toBe(403);
    expect((await report(`from=${today}&to=${today}`, await moderatorSession(platform, 'moderator', { marketplaces: [tenantId] }))).statusCode).toBe(403);
  });
});
