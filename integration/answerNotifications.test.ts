/**
 * `?wait` is woken by PostgreSQL's notification of the answer, not by reading the row over and
 * over: the table trigger announces a status that becomes an answer, the API's listening
 * connection hands it to the waiters of that id, and a lost connection is re-established. No
 * worker runs here: the test writes the answer itself, as the settling activity would.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenForAnswers, type AnswerNotifications } from '../api/answerNotifications.ts';
import { listing, submitListing } from './support/listings.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

// Far longer than any wait below: a waiter that answers early was woken by the notification.
const NO_READS_MS = 600_000;

let platform: TestPlatform;
let apiKey: string;
let answers: AnswerNotifications;
beforeAll(async () => {
  platform = await startTestPlatform({ worker: false, waitReadIntervalMs: NO_READS_MS });
  apiKey = (await platform.createTenant()).apiKey;
  answers = listenForAnswers({ databaseUrl: platform.config.DATABASE_URL, fallbackMs: NO_READS_MS, disconnectedMs: 50 });
});
afterAll(async () => {
  await answers?.close();
  await platform?.close();
});

async function newScreening(): Promise<string> {
  const response = await submitListing(platform, apiKey, listing());
  expect(response.statusCode, response.body).toBe(202);
  return response.json().id as string;
}

const setStatus = (id: string, status: string) => platform.database.prisma.listingScreening.update({ where: { id }, data: { status } });
const listening = () => expect.poll(() => answers.readIntervalMs(), { timeout: 10_000 }).toBe(NO_READS_MS);

describe('answer notifications', () => {
  it('announce a row whose status becomes an answer, and nothing else', async () => {
    await listening();
    const [watched, other] = [await newScreening(), await newScreening()];
    const heard: string[] = [];
    const unsubscribe = answers.subscribe(watched, () => heard.push('watched'));
    try {
      await setStatus(watched, 'screening');
      await setStatus(other, 'completed');
      // a marker after both: once it is heard, anything the two updates announced was heard too
      const marker = await newScreening();
      const unsubscribeMarker = answers.subscribe(marker, () => heard.push('marker'));
      await setStatus(marker, 'completed');
      await expect.poll(() => heard).toContain('marker');
      unsubscribeMarker();
      expect(heard).toEqual(['marker']);

      await setStatus(watched, 'awaiting_review');
      await expect.poll(() => heard).toEqual(['marker', 'watched']);
    } finally {
      unsubscribe();
    }
  });

  it('listen again after the connection is lost', async () => {
    await listening();
    const terminated = await platform.database.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN subject_answered' AND datname = current_database()`,
    );
    expect(terminated.rowCount).toBeGreaterThan(0);
    // while it is down, waiters read their rows often
    await expect.poll(() => answers.readIntervalMs(), { timeout: 10_000 }).toBe(50);
    await listening();
    const id = await newScreening();
    let heard = 0;
    const unsubscribe = answers.subscribe(id, () => heard++);
    await setStatus(id, 'failed');
    await expect.poll(() => heard).toBe(1);
    unsubscribe();
  });

  it('end a ?wait as soon as the answer is written', { timeout: 60_000 }, async () => {
    await expect.poll(() => platform.app.answers.readIntervalMs(), { timeout: 10_000 }).toBe(NO_READS_MS);
    const listingId = `waited-${Date.now()}`;
    const started = Date.now();
    const waiting = submitListing(platform, apiKey, listing({ listingId }), '?wait=25');
    let id: string | undefined;
    await expect.poll(async () => (id = (await platform.database.prisma.listingScreening.findFirst({ where: { listingId }, select: { id: true } }))?.id), { timeout: 10_000 }).toBeDefined();
    await setStatus(id!, 'awaiting_review');
    const answer = await waiting;
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().id).toBe(id);
    // read once on arrival and once when told: far before the 25 s wait or the next scheduled read
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('end an authenticity check’s ?wait when the seller’s window opens, a status only that capability answers on', { timeout: 60_000 }, async () => {
    await expect.poll(() => platform.app.answers.readIntervalMs(), { timeout: 10_000 }).toBe(NO_READS_MS);
    const orderId = `window-${Date.now()}`;
    const waiting = platform.app.inject({
      method: 'POST',
      url: '/v1/authenticity-checks?wait=25',
      headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': randomUUID() },
      payload: { orderId, buyerId: 'b-1', sellerId: 'shop-1', claimedCode: '(01)09506000134352(21)AB000001' },
    });
    let id: string | undefined;
    await expect.poll(async () => (id = (await platform.database.prisma.authenticityCheck.findFirst({ where: { orderId }, select: { id: true } }))?.id), { timeout: 10_000 }).toBeDefined();
    const heard: string[] = [];
    const unsubscribe = answers.subscribe(id!, () => heard.push('check'));
    try {
      await platform.database.prisma.authenticityCheck.update({ where: { id: id! }, data: { status: 'screening' } });
      await platform.database.prisma.authenticityCheck.update({ where: { id: id! }, data: { status: 'awaiting_seller_response', sellerWindowClosesAt: new Date(Date.now() + 3_600_000) } });
      const answer = await waiting;
      expect(answer.statusCode, answer.body).toBe(200);
      expect(answer.json()).toMatchObject({ id, status: 'awaiting_seller_response' });
      // the trigger announced the window (and not `screening`): the notification woke the wait
      expect(heard).toEqual(['check']);
    } finally {
      unsubscribe();
    }
  });

  it('keep a listing’s ?wait on a status it does not answer on', { timeout: 60_000 }, async () => {
    const listingId = `not-answered-${Date.now()}`;
    const waiting = submitListing(platform, apiKey, listing({ listingId }), '?wait=2');
    let id: string | undefined;
    await expect.poll(async () => (id = (await platform.database.prisma.listingScreening.findFirst({ where: { listingId }, select: { id: true } }))?.id), { timeout: 10_000 }).toBeDefined();
    await setStatus(id!, 'awaiting_seller_response');
    const answer = await waiting;
    expect(answer.statusCode, answer.body).toBe(202);
  });
});
