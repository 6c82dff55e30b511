/**
 * Statements of reasons go to the DSA Transparency Database (the database is nock): a marketplace
 * sets its endpoint and token, the export workflow submits its pending statements in batches under
 * their puids, and each statement ends accepted or refused as the database answers; a refused
 * token or an unreachable endpoint leaves them pending for the next run.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { transparencyDatabaseProblems } from '../core/statementsOfReasons.ts';
import { nock } from '../workers/http/testing/nock.ts';
import type { exportStatements } from '../workflows/statementExport.ts';
import { bearer, gucci, listing, putBrand, submitListing } from './support/listings.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';

// a closed port nock answers for: the database's API
const DATABASE = 'http://127.0.0.1:9';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  nock.cleanAll();
  await platform?.close();
});

/** A marketplace with `count` listings blocked by the policy, each with its statement. */
async function marketplaceWithBlockedListings(count: number) {
  const { apiKey, tenantId } = await platform.createTenant();
  await putBrand(platform, apiKey, 'gucci', gucci);
  const blocked: string[] = [];
  for (let index = 0; index < count; index++) {
    const answered = await submitListing(platform, apiKey, listing({ title: `Gucci Marmont bag 1:1 replica no. ${index}`, description: 'AAA replica, mirror quality', price: { amount: 90, currency: 'USD' } }), '?wait=20');
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().verdict.outcome, 'a "1:1 replica" is blocked by the policy').toBe('block');
    blocked.push(answered.json().verdict.statementOfReasons.id);
  }
  return { apiKey, tenantId, statementIds: blocked };
}

const setDatabase = async (apiKey: string, path: string, token = 'dsa-token-secret') =>
  await platform.app.inject({ method: 'PUT', url: '/v1/transparency-database', headers: bearer(apiKey), payload: { url: `${DATABASE}${path}`, token } });

const runExport = async (batchSize: number) =>
  await platform.temporal.workflow.execute<typeof exportStatements>('exportStatements', {
    taskQueue: platform.config.TEMPORAL_TASK_QUEUE,
    workflowId: `statement-export-test-${uniqueSuffix()}`,
    args: [{ batchSize, maxBatches: 20 }],
  });

const statusesOf = async (ids: string[]) =>
  Object.fromEntries((await platform.database.prisma.statementOfReasons.findMany({ where: { id: { in: ids } } })).map((row) => [row.id, row.exportStatus]));

describe('the export to the DSA Transparency Database', () => {
  it('submits every pending statement once, in batches under their puids, with nothing personal', { timeout: 120_000 }, async () => {
    const { apiKey, statementIds } = await marketplaceWithBlockedListings(5);
    const path = `/api/v1/statements-${uniqueSuffix()}`;
    expect((await setDatabase(apiKey, path)).statusCode).toBe(200);
    const requests: { authorization: string | undefined; statements: Record<string, unknown>[] }[] = [];
    nock(DATABASE)
      .persist()
      .post(path)
      .reply(function (_uri, body) {
        const { statements } = body as { statements: Record<string, unknown>[] };
        requests.push({ authorization: this.req.headers.authorization as string | undefined, statements });
        return [201, { statements: statements.map((statement) => ({ ...statement, uuid: 'x' })) }];
      });

    const result = await runExport(2);
    expect(result).toMatchObject({ accepted: 5, refused: 0, stopped: [] });
    expect(requests.map((request) => request.statements.length)).toEqual([2, 2, 1]);
    expect(requests.every((request) => request.authorization === 'Bearer dsa-token-secret')).toBe(true);
    const sent = requests.flatMap((request) => request.statements);
    expect(sent.map((statement) => statement.puid).sort()).toEqual([...statementIds].sort());
    for (const statement of sent) {
      expect(transparencyDatabaseProblems(statement)).toEqual([]);
      expect(statement).toMatchObject({ decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'], category: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS', automated_decision: 'AUTOMATED_DECISION_FULLY' });
      expect(JSON.stringify(statement)).not.toContain('seller-random-1');
    }
    expect(Object.values(await statusesOf(statementIds))).toEqual(statementIds.map(() => 'accepted'));

    // a second run has nothing left to send
    const again = await runExport(2);
    expect(again).toMatchObject({ requests: 0, accepted: 0 });
    expect(requests).toHaveLength(3);
    const settings = await platform.app.inject({ method: 'GET', url: '/v1/transparency-database', headers: bearer(apiKey) });
    expect(settings.json()).toMatchObject({ url: `${DATABASE}${path}`, enabled: true, lastError: null, statements: { pending: 0, accepted: 5, refused: 0 } });
    expect(settings.body).not.toContain('dsa-token-secret');
  });

  it('keeps what the database refuses, counts what it holds already, and sends the rest again', { timeout: 120_000 }, async () => {
    const { apiKey, statementIds } = await marketplaceWithBlockedListings(3);
    const path = `/api/v1/statements-${uniqueSuffix()}`;
    await setDatabase(apiKey, path);
    const batches: string[][] = [];
    const record = (body: unknown) => batches.push((body as { statements: { puid: string }[] }).statements.map((statement) => statement.puid));
    nock(DATABASE)
      // the first batch: its second statement refused, nothing stored
      .post(path)
      .reply((_uri, body) => (record(body), [422, { message: 'invalid', errors: { statement_1: { decision_facts: ['The decision facts field is required.'] } } }]))
      // the rest again: the first one it holds already (an earlier submission whose answer was lost)
      .post(path)
      .reply((_uri, body) => (record(body), [422, { message: 'The platform identifier(s) are not all unique within this call.', errors: { puid: ['not unique'], existing_puids: [batches[1]![0]] } }]))
      .post(path)
      .reply((_uri, body) => (record(body), [201, { statements: [] }]));

    const result = await runExport(100);
    expect(result).toMatchObject({ refused: 1, stopped: [] });
    expect(batches[0]).toEqual(statementIds);
    const refused = batches[0]![1]!;
    expect(batches[1]).toEqual(statementIds.filter((id) => id !== refused));
    expect(batches[2]).toEqual(batches[1]!.slice(1));
    expect(await statusesOf(statementIds)).toEqual(Object.fromEntries(statementIds.map((id) => [id, id === refused ? 'refused' : 'accepted'])));
    const kept = await platform.database.prisma.statementOfReasons.findUniqueOrThrow({ where: { id: refused } });
    expect(kept.exportError).toContain('decision facts field is required');
  });

  it('leaves the statements pending when the token is refused or the database cannot be reached, and sends them on the next run', { timeout: 120_000 }, async () => {
    const { apiKey, statementIds } = await marketplaceWithBlockedListings(2);
    const path = `/api/v1/statements-${uniqueSuffix()}`;
    await setDatabase(apiKey, path, 'wrong-token');
    nock(DATABASE).post(path).reply(401, { message: 'Unauthenticated.' });
    const refusedToken = await runExport(100);
    expect(refusedToken.stopped).toHaveLength(1);
    expect(Object.values(await statusesOf(statementIds))).toEqual(['pending', 'pending']);
    const settings = (await platform.app.inject({ method: 'GET', url: '/v1/transparency-database', headers: bearer(apiKey) })).json();
    expect(settings.lastError).toContain('401');
    expect(settings.statements).toEqual({ pending: 2, accepted: 0, refused: 0 });

    // no answer at all (nothing listens on the port)
    const unreachable = await runExport(100);
    expect(unreachable.stopped[0]!.error).toContain('could not be reached');

    await setDatabase(apiKey, path, 'right-token');
    nock(DATABASE).post(path).matchHeader('authorization', 'Bearer right-token').reply(201, { statements: [] });
    const fixed = await runExport(100);
    expect(fixed).toMatchObject({ accepted: 2, stopped: [] });
    expect(Object.values(await statusesOf(statementIds))).toEqual(['accepted', 'accepted']);
    expect((await platform.app.inject({ method: 'GET', url: '/v1/transparency-database', headers: bearer(apiKey) })).json().lastError).toBeNull();
  });

  it('refuses a URL it would not call, and shows no settings that were never set', async () => {
    const { apiKey } = await platform.createTenant();
    expect((await platform.app.inject({ method: 'GET', url: '/v1/transparency-database', headers: bearer(apiKey) })).statusCode).toBe(404);
    const refused = await platform.app.inject({ method: 'PUT', url: '/v1/transparency-database', headers: bearer(apiKey), payload: { url: 'ftp://example.test/statements', token: 't' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('transparency-database-url-refused');
    const noToken = await platform.app.inject({ method: 'PUT', url: '/v1/transparency-database', headers: bearer(apiKey), payload: { url: `${DATABASE}/x` } });
    expect(noToken.statusCode).toBe(400);
    expect((await setDatabase(apiKey, '/x')).statusCode).toBe(200);
    expect((await platform.app.inject({ method: 'DELETE', url: '/v1/transparency-database', headers: bearer(apiKey) })).statusCode).toBe(204);
    expect((await platform.app.inject({ method: 'GET', url: '/v1/transparency-database', headers: bearer(apiKey) })).statusCode).toBe(404);
  });
});
