/**
 * The enforcement record's speed (`npm run bench -- enforcement`), each figure beside a baseline
 * measured in the same run:
 *
 * 1. A seller's record (`GET /v1/sellers/:sellerId/record`) with 100,000 sellers holding a million
 *    strikes (BENCH_STRIKES, BENCH_STRIKE_SELLERS; loaded by generate_series in SQL), p50 and p99
 *    against a primary-key read of one strike over one pg connection, and against an authenticated
 *    one-row read through the API (GET /v1/transparency-database).
 * 2. Statements of reasons submitted to the Transparency Database's format: BENCH_STATEMENTS
 *    (10,000) statements through the export activity to a local endpoint answering 201, in
 *    batches of 100, against reading and formatting the same batches without sending them.
 *
 * Its database is dropped at the end.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { transparencyTokenContext } from '../../core/cipherContexts.ts';
import { createDataProtector } from '../../core/dataProtection.ts';
import { toTransparencyDatabase } from '../../core/statementsOfReasons.ts';
import { createStatementExportActivities, TRANSPARENCY_BATCH_MAX } from '../../workers/activities/statementExport.ts';
import { percentile } from '../percentile.ts';
import { startBenchPlatform, type BenchPlatform } from './environment.ts';
import { ms } from './stats.ts';

const STRIKES = Number(process.env.BENCH_STRIKES ?? 1_000_000);
const SELLERS = Number(process.env.BENCH_STRIKE_SELLERS ?? 100_000);
const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 10_000);
const READS = 600;
const LOAD_STEP = 200_000;

async function recordReads(platform: BenchPlatform, client: pg.Client): Promise<void> {
  const started = performance.now();
  for (let from = 0; from < STRIKES; from += LOAD_STEP) {
    // strikes of the last 180 days, a few withdrawn; each seller about STRIKES / SELLERS of them
    await client.query(
      `INSERT INTO strikes (id, tenant_id, party_type, party_id, statement_id, subject_type, subject_id, measure, weight, policy_version, created_at, expires_at, withdrawn_at)
       SELECT gen_random_uuid(), $1::uuid, 'seller', 'seller-' || (g % $3), gen_random_uuid(), 'listing_screening', gen_random_uuid(), 'listing_removed', 1, 1,
              now() - (g % 180) * interval '1 day', now() - (g % 180) * interval '1 day' + interval '90 days',
              CASE WHEN g % 50 = 0 THEN now() ELSE NULL END
         FROM generate_series($2::int, $2::int + $4::int - 1) AS g`,
      [platform.tenantId, from, SELLERS, Math.min(LOAD_STEP, STRIKES - from)],
    );
    process.stdout.write(`\r[bench] strikes: ${Math.min(from + LOAD_STEP, STRIKES).toLocaleString('en')} loaded`);
  }
  await client.query('VACUUM ANALYZE strikes');
  console.log(`\n\n== A seller's record: ${SELLERS.toLocaleString('en')} sellers, ${STRIKES.toLocaleString('en')} strikes (loaded in ${((performance.now() - started) / 1000).toFixed(0)} s) ==`);
  const ids = (await client.query<{ id: string }>('SELECT id FROM strikes TABLESAMPLE SYSTEM (1) LIMIT 1000')).rows.map((row) => row.id);

  const authorization = `Bearer ${platform.apiKey}`;
  const record: number[] = [];
  const primaryKey: number[] = [];
  const oneRow: number[] = [];
  let strikesSeen = 0;
  for (let index = 0; index < READS; index++) {
    const seller = `seller-${Math.floor(Math.random() * SELLERS)}`;
    const throughApi = async () => {
      const at = performance.now();
      const body = (await (await fetch(`${platform.url}/v1/sellers/${seller}/record`, { headers: { authorization } })).json()) as { strikes: unknown[] };
      record.push(performance.now() - at);
      strikesSeen += body.strikes.length;
    };
    const byPrimaryKey = async () => {
      const at = performance.now();
      await client.query({ name: 'strike-by-key', text: 'SELECT * FROM strikes WHERE id = $1', values: [ids[index % ids.length]] });
      primaryKey.push(performance.now() - at);
    };
    const floor = async () => {
      const at = performance.now();
      await (await fetch(`${platform.url}/v1/transparency-database`, { headers: { authorization } })).arrayBuffer();
      oneRow.push(performance.now() - at);
    };
    const order = [throughApi, byPrimaryKey, floor];
    for (let step = 0; step < order.length; step++) await order[(index + step) % order.length]!();
  }
  const [r50, r99, k50, k99] = [percentile(record, 0.5), percentile(record, 0.99), percentile(primaryKey, 0.5), percentile(primaryKey, 0.99)];
  console.log(`GET /v1/sellers/:sellerId/record (${READS} random sellers, ${(strikesSeen / READS).toFixed(1)} strikes each on average): p50 ${ms(r50)}, p99 ${ms(r99)}`);
  console.log(`primary-key read of one strike over one pg connection: p50 ${ms(k50)}, p99 ${ms(k99)} (baseline)`);
  console.log(`GET /v1/transparency-database (an authenticated one-row read): p50 ${ms(percentile(oneRow, 0.5))}, p99 ${ms(percentile(oneRow, 0.99))} (the API's floor)`);
  console.log(`ratios record/primary key: p50 ${(r50 / k50).toFixed(1)}x, p99 ${(r99 / k99).toFixed(1)}x; record/one-row read: p50 ${(r50 / percentile(oneRow, 0.5)).toFixed(2)}x, p99 ${(r99 / percentile(oneRow, 0.99)).toFixed(2)}x`);
}

async function exportRate(platform: BenchPlatform, client: pg.Client): Promise<void> {
  await client.query(
    `INSERT INTO statements_of_reasons (id, tenant_id, subject_type, subject_id, decision_key, affected_party_type, affected_party_id, measure, measure_description,
       visibility, applied_at, content_date, content_type, facts, source_type, automated_detection, automated_decision, decision_ground, ground_reference,
       ground_explanation, also_illegal, category, category_specification, appeal_until, decided_by, policy_key, policy_version)
     SELECT gen_random_uuid(), $1::uuid, 'listing_screening', gen_random_uuid(), 'block', 'seller', 'seller-' || g, 'listing_removed',
            'The listing is removed from sale on the marketplace.', ARRAY['DECISION_VISIBILITY_CONTENT_REMOVED'], now(), now() - interval '1 day',
            ARRAY['CONTENT_TYPE_PRODUCT'], 'Automated checks of the listing screening found: Says "replica" about the goods. Under policy listing-screening version 1 these findings lead to this measure without review by a person: The listing is removed from sale on the marketplace.',
            'SOURCE_VOLUNTARY', true, 'fully', 'DECISION_GROUND_INCOMPATIBLE_CONTENT', 'The marketplace’s terms for sellers.', 'Counterfeit goods are not allowed.', false,
            'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS', ARRAY['KEYWORD_TRADEMARK_INFRINGEMENT'], now() + interval '183 days', 'policy', 'listing-screening', 1
       FROM generate_series(1, $2::int) AS g`,
    [platform.tenantId, STATEMENTS],
  );
  await client.query('VACUUM ANALYZE statements_of_reasons');
  console.log(`\n== Statements of reasons into the Transparency Database's format: ${STATEMENTS.toLocaleString('en')} statements, batches of ${TRANSPARENCY_BATCH_MAX} ==`);

  // baseline: the same batches read and formatted, nothing sent or recorded
  let started = performance.now();
  let formatted = 0;
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const batch: Awaited<ReturnType<typeof platform.prisma.statementOfReasons.findMany>> = await platform.prisma.statementOfReasons.findMany({
      where: { tenantId: platform.tenantId, ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: TRANSPARENCY_BATCH_MAX,
    });
    if (batch.length === 0) break;
    formatted += JSON.stringify({ statements: batch.map(toTransparencyDatabase) }).length > 0 ? batch.length : 0;
    after = batch.at(-1)!;
  }
  const formatSeconds = (performance.now() - started) / 1000;

  let received = 0;
  const sink = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received += (JSON.parse(body) as { statements: unknown[] }).statements.length;
      response.writeHead(201, { 'content-type': 'application/json' }).end('{"statements":[]}');
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const protector = createDataProtector(Buffer.from(platform.config.DATA_ENCRYPTION_KEY, 'base64'));
  await platform.prisma.transparencyDatabaseSettings.create({
    data: { tenantId: platform.tenantId, url: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/api/v1/statements`, tokenCiphertext: protector.encrypt('bench', transparencyTokenContext(platform.tenantId)) },
  });
  const activities = createStatementExportActivities({ prisma: platform.prisma, protector, allowPrivateNetwork: true, clock: () => new Date() });
  started = performance.now();
  const result = await activities.exportStatementsOfReasons({ batchSize: TRANSPARENCY_BATCH_MAX, maxBatches: Math.ceil(STATEMENTS / TRANSPARENCY_BATCH_MAX) + 1 });
  const exportSeconds = (performance.now() - started) / 1000;
  await new Promise((resolve) => sink.close(resolve));
  const formatRate = formatted / formatSeconds;
  const exportRate = result.accepted / exportSeconds;
  console.log(`read and formatted, nothing sent: ${formatRate.toFixed(0)} statements/s (baseline)`);
  console.log(`exported (read, formatted, sent, answered 201, recorded accepted): ${exportRate.toFixed(0)} statements/s (${result.requests} requests, ${received} received, ${result.accepted} accepted)`);
  console.log(`ratio exported/formatted: ${((exportRate / formatRate) * 100).toFixed(1)}%`);
}

export async function enforcementBench(): Promise<void> {
  const platform = await startBenchPlatform({ workers: false, documents: false });
  const client = new pg.Client({ connectionString: platform.workerEnv.DATABASE_URL });
  try {
    await client.connect();
    await recordReads(platform, client);
    await exportRate(platform, client);
  } finally {
    await client.end().catch(() => undefined);
    await platform.close();
  }
}
