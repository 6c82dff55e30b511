/**
 * Crash safety of refunds: twelve checks with hard evidence of a fake, and the only worker process
 * killed with SIGKILL while the marketplace is in the middle of answering a refund request, several
 * times. The marketplace refunds by the request's idempotency key, so it must refund exactly once
 * per check: one key per check, derived from it, and every request for a check carrying the same
 * key and the same webhook id (one event), whatever was sent again after a kill. Each check's
 * counterfeit is recorded once against the seller. The refund request is recorded with the
 * counterfeit and sent by the webhook dispatcher; a delivery cut off by a kill is taken again once
 * its lease runs out.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCodes } from './support/brandCodes.ts';
import { bearer } from './support/listings.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';
import { registerWebhook } from './support/vettings.ts';
import { killWorkerProcess, startWorkerProcess } from './support/workerProcess.ts';

const CHECKS = 12;
const KILLS = 3;
const GTIN = '09506000134352';
/** the marketplace takes this long to answer a refund request: the kills land inside it */
const REFUND_ANSWER_MS = 1_500;

interface RefundRequest {
  webhookId: string;
  checkId: string;
  idempotencyKey: string;
}

/** The marketplace: a real HTTP server (the worker is another process), slow on refund requests, counting the ones in flight. */
async function startMarketplace() {
  const refunds: RefundRequest[] = [];
  let inFlight = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string; data: { checkId: string; idempotencyKey: string } };
      if (event.type !== 'authenticity_check.refund_requested') return void response.writeHead(204).end();
      const headers: IncomingHttpHeaders = request.headers;
      refunds.push({ webhookId: String(headers['webhook-id']), checkId: event.data.checkId, idempotencyKey: event.data.idempotencyKey });
      inFlight++;
      setTimeout(() => {
        inFlight--;
        response.writeHead(204).end();
      }, REFUND_ANSWER_MS);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/marketplace-hooks`,
    refunds,
    inFlight: () => inFlight,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let platform: TestPlatform;
let marketplace: Awaited<ReturnType<typeof startMarketplace>>;
let worker: ChildProcess | undefined;
const startWorker = () => startWorkerProcess(platform.config, { WEBHOOK_RETRY_INITIAL_SECONDS: '1' });

beforeAll(async () => {
  platform = await startTestPlatform({ worker: false, config: { WEBHOOK_RETRY_INITIAL_SECONDS: '1' } });
  marketplace = await startMarketplace();
});
afterAll(async () => {
  await killWorkerProcess(worker);
  await platform?.close();
  await marketplace?.close();
});

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  await expect.poll(condition, { timeout: timeoutMs, interval: 50, message: `waiting for ${what}` }).toBe(true);
}

describe('worker killed with SIGKILL during refund requests', () => {
  it('the marketplace refunds exactly once per check', { timeout: 420_000 }, async () => {
    const { apiKey, tenantId } = await platform.createTenant();
    await registerWebhook(platform, apiKey, marketplace.url);
    const brand = await platform.app.inject({ method: 'PUT', url: '/v1/brands/brush-co', headers: bearer(apiKey), payload: { name: 'Brush Co', gtins: [GTIN], codeRegistry: 'bonafide' } });
    expect(brand.statusCode, brand.body).toBe(200);
    const revoked = Array.from({ length: CHECKS }, (_, index) => `RV${String(index).padStart(6, '0')}`);
    const codes = revoked.map((serial) => JSON.stringify({ gtin: GTIN, serial, status: 'revoked' })).join('\n');
    // the brand's codes are an import batch: a worker writes them, and is stopped before the checks come
    const importer = startWorker();
    expect((await importCodes(platform, apiKey, 'brush-co', codes)).json()).toMatchObject({ status: 'completed', inserted: CHECKS });
    await killWorkerProcess(importer);

    const sellerId = `seller-${uniqueSuffix()}`;
    const checkIds: string[] = [];
    for (const [index, serial] of revoked.entries()) {
      const response = await platform.app.inject({
        method: 'POST',
        url: '/v1/authenticity-checks',
        headers: { ...bearer(apiKey), 'idempotency-key': randomUUID() },
        payload: { orderId: `order-${index}`, buyerId: `buyer-${index}`, sellerId, brandKey: 'brush-co', claimedCode: `(01)${GTIN}(21)${serial}` },
      });
      expect(response.statusCode, response.body).toBe(202);
      checkIds.push(response.json().id);
    }

    // each worker lives until a refund request is in the marketplace's hands, and dies there
    let killedMidRefund = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const running = startWorker();
      const seen = marketplace.refunds.length;
      await until(() => marketplace.inFlight() > 0 && marketplace.refunds.length > seen, 180_000, `a refund request in flight (kill ${kill + 1})`);
      await new Promise((resolve) => setTimeout(resolve, kill * 100));
      if (marketplace.inFlight() > 0) killedMidRefund++;
      await killWorkerProcess(running);
    }
    expect(killedMidRefund).toBe(KILLS);
    worker = startWorker();

    const prisma = platform.database.prisma;
    await until(async () => (await prisma.authenticityCheck.count({ where: { tenantId, status: 'completed' } })) === CHECKS, 300_000, 'every check completed');
    // every refund event delivered (a delivery cut by a kill is retried once its attempt times out)
    await until(
      async () => (await prisma.webhookDelivery.count({ where: { status: 'delivered', event: { tenantId, type: 'authenticity_check.refund_requested' } } })) === CHECKS,
      300_000,
      'every refund request delivered',
    );
    await until(() => marketplace.inFlight() === 0, 10_000, 'the marketplace to answer');

    const events = await prisma.webhookEvent.findMany({ where: { tenantId, type: 'authenticity_check.refund_requested' } });
    expect(events.map((event) => event.subjectId).sort()).toEqual([...checkIds].sort());
    for (const checkId of checkIds) {
      const requests = marketplace.refunds.filter((request) => request.checkId === checkId);
      // what the marketplace refunds: one per distinct idempotency key
      expect(new Set(requests.map((request) => request.idempotencyKey))).toEqual(new Set([`authenticity-refund-${checkId}`]));
      expect(new Set(requests.map((request) => request.webhookId))).toEqual(new Set([events.find((event) => event.subjectId === checkId)!.id]));
    }
    expect(new Set(marketplace.refunds.map((request) => request.idempotencyKey)).size).toBe(CHECKS);
    expect(await prisma.sellerCounterfeit.count({ where: { tenantId, sellerId } })).toBe(CHECKS);
    const record = await platform.app.inject({ method: 'GET', url: `/v1/sellers/${sellerId}/counterfeit-record`, headers: bearer(apiKey) });
    expect(record.json()).toMatchObject({ last30Days: CHECKS, last90Days: CHECKS });
    // the kills interrupted deliveries: a refund request cut off was made again as a later attempt of
    // its delivery (the dispatcher counts an attempt when it takes the delivery, before sending it)
    const finalAttempts = await Promise.all(
      events.map(async (event) => Math.max(0, ...(await prisma.webhookAttempt.findMany({ where: { eventId: event.id, outcome: 'delivered' }, select: { attempt: true } })).map((made) => made.attempt))),
    );
    // a check whose refund request was never recorded as delivered shows as 0
    expect(finalAttempts.filter((attempt) => attempt < 1), `final delivery attempts per check: ${finalAttempts.join(', ')}`).toEqual([]);
    expect(finalAttempts.filter((attempt) => attempt > 1).length, `final delivery attempts per check: ${finalAttempts.join(', ')}`).toBeGreaterThanOrEqual(1);
    // how many requests were sent again after a kill cut them off (each under the same key)
    console.info(`refund requests: ${marketplace.refunds.length} HTTP requests for ${CHECKS} checks, ${killedMidRefund} kills mid-request`);
  });
});
