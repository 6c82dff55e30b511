/**
 * Content screening's benchmark (`npm run bench -- content`):
 *
 * 1. Candidate lookup in PostgreSQL with many posts indexed (CONTENT_BENCH_POSTS, default
 *    200,000; 64 band keys each), through production's `findCandidates`, against a primary-key
 *    read of one post in the same database and run.
 * 2. Near-duplicate detection on synthetic scripts with 0-10% of words changed: recall of
 *    readings, precision of the pairs flagged, and precision above Jaccard 0.8, through the
 *    production path (normalise, shingles, MinHash, LSH, exact Jaccard).
 * 3. MinHash signatures per second, ours against the npm `minhash` package.
 */
import { randomBytes } from 'node:crypto';
import minhashPackage from 'minhash';
import shippedPolicy from '../../workers/policy/contentScreeningPolicy.v1.json' with { type: 'json' };
import { seededRandom } from '../../fixtures/seededRandom.ts';
import { createDatabase } from '../../core/database.ts';
import { assignCluster } from '../../workers/detectors/contentScript/clusterAssignment.ts';
import { bandKeys, exactJaccard, minhashSignature, shinglesOf } from '../../workers/detectors/contentScript/minhash.ts';
import { normaliseScript } from '../../workers/detectors/contentScript/normalise.ts';
import { findCandidates } from '../../workers/contentScreening/postgresStore.ts';
import { dropDatabase, ensureDatabaseExists, migrateDatabase } from '../database.ts';
import { percentile } from '../percentile.ts';
import { ms } from './stats.ts';

const posts = Number(process.env.CONTENT_BENCH_POSTS ?? 200_000);
const LOOKUPS = 400;

/** Deterministic inputs, so runs compare. */
const seeded = (seed: number) => seededRandom(seed).next;

async function candidateLookup(): Promise<void> {
  const url = `postgresql://postgres@127.0.0.1:5432/bonafide_bench_content_${randomBytes(3).toString('hex')}`;
  await ensureDatabaseExists(url);
  await migrateDatabase(url);
  const database = createDatabase({ url, poolSize: 4 });
  const { prisma } = database;
  try {
    const tenant = await prisma.tenant.create({ data: { slug: 'bench-content', name: 'Bench content' } });
    const t = tenant.id;
    let started = performance.now();
    // One cluster and one post per row, 64 band keys per post (unrelated posts: no shared keys);
    // the primary key is built after the load, as a bulk import would.
    await prisma.$executeRawUnsafe(`INSERT INTO script_clusters (id, tenant_id, first_seen_at, last_seen_at, post_count, creator_count)
      SELECT md5('c' || i)::uuid, '${t}', now(), now(), 1, 1 FROM generate_series(1, ${posts}) AS i`);
    await prisma.$executeRawUnsafe(`INSERT INTO content_screenings (id, tenant_id, external_post_id, creator_id, posted_at, caption, surface, workflow_id, cluster_id, shingles, status)
      SELECT md5('s' || i)::uuid, '${t}', 'post-' || i, 'creator-' || (i % 20000), now() - (i % 30) * interval '1 day', 'synthetic caption number ' || i, 'video', 'w-' || i, md5('c' || i)::uuid,
        ARRAY[i, i + 1, i + 2, i + 3, i + 4, i + 5, i + 6, i + 7, i + 8, i + 9, i + 10, i + 11, i + 12, i + 13, i + 14, i + 15, i + 16, i + 17, i + 18, i + 19], 'completed'
      FROM generate_series(1, ${posts}) AS i`);
    await prisma.$executeRawUnsafe('ALTER TABLE content_band_keys DROP CONSTRAINT content_band_keys_pkey');
    await prisma.$executeRawUnsafe('DROP INDEX IF EXISTS content_band_keys_screening_id_idx');
    await prisma.$executeRawUnsafe(`INSERT INTO content_band_keys (tenant_id, band_key, screening_id)
      SELECT '${t}', ('x' || substr(md5(i || ':' || b), 1, 16))::bit(64)::bigint, md5('s' || i)::uuid FROM generate_series(1, ${posts}) AS i, generate_series(0, 63) AS b`);
    await prisma.$executeRawUnsafe('ALTER TABLE content_band_keys ADD PRIMARY KEY (tenant_id, band_key, screening_id)');
    await prisma.$executeRawUnsafe('CREATE INDEX content_band_keys_screening_id_idx ON content_band_keys (screening_id)');
    await prisma.$executeRawUnsafe('ANALYZE');
    console.log(`\n== Content screening: candidate lookup with ${posts.toLocaleString('en')} posts indexed (${(posts * 64).toLocaleString('en')} band keys) ==`);
    console.log(`load + index: ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const random = seeded(7);
    const lookup: number[] = [];
    const baseline: number[] = [];
    let found = 0;
    for (let round = 0; round < LOOKUPS; round += 1) {
      const target = 1 + Math.floor(random() * posts);
      // A near-duplicate of an indexed post shares some bands (here 8 of 64); the rest are keys nobody has.
      const known = await prisma.$queryRawUnsafe<{ band_key: bigint }[]>(`SELECT band_key FROM content_band_keys WHERE screening_id = md5('s' || ${target})::uuid LIMIT 8`);
      const keys = [...known.map((row) => row.band_key.toString()), ...Array.from({ length: 64 - known.length }, () => BigInt.asIntN(64, BigInt(Math.floor(random() * 2 ** 52)) * 4099n).toString())];
      started = performance.now();
      const candidates = await findCandidates(prisma, t, keys, shippedPolicy.parameters.script.maxCandidates);
      lookup.push(performance.now() - started);
      if (candidates.some((candidate) => candidate.externalPostId === `post-${target}`)) found += 1;
      started = performance.now();
      await prisma.$queryRawUnsafe(`SELECT id FROM content_screenings WHERE id = md5('s' || ${target})::uuid`);
      baseline.push(performance.now() - started);
    }
    console.log(`findCandidates (64 keys): median ${ms(percentile(lookup, 0.5))}, p95 ${ms(percentile(lookup, 0.95))}; the near-duplicate found in ${found}/${LOOKUPS}`);
    console.log(`baseline, one post by primary key: median ${ms(percentile(baseline, 0.5))}, p95 ${ms(percentile(baseline, 0.95))}`);
    console.log(`ratio lookup/baseline (p95): ${(percentile(lookup, 0.95) / percentile(baseline, 0.95)).toFixed(1)}x`);
  } finally {
    await database.close();
    await dropDatabase(url);
  }
}

/** Synthetic scripts: a shared vocabulary (so unrelated texts share common words and some phrases). */
function nearDuplicates(): void {
  const random = seeded(11);
  const vocabulary = Array.from({ length: 3000 }, (_, index) => `w${index.toString(36)}`);
  // Zipf-like: common words come up often, as in real captions.
  const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 3)]!;
  const common = 'link in my bio use my code for ten percent off today only'.split(' ');
  const bases = Array.from({ length: 400 }, () => [...Array.from({ length: 50 + Math.floor(random() * 30) }, word), ...(random() < 0.5 ? common : [])]);
  const edit = (words: string[], rate: number) => {
    const copy = [...words];
    const changes = Math.round(copy.length * rate);
    for (let change = 0; change < changes; change += 1) {
      const position = Math.floor(random() * copy.length);
      const kind = random();
      if (kind < 0.6) copy[position] = word();
      else if (kind < 0.8) copy.splice(position, 0, word());
      else copy.splice(position, 1);
    }
    return copy;
  };
  const index = new Map<string, number[]>();
  const stored: { shingles: number[]; base: number }[] = [];
  const add = (words: string[], base: number) => {
    const shingles = shinglesOf(normaliseScript(words.join(' ')));
    const keys = bandKeys(minhashSignature(shingles));
    const shared = new Map<number, number>();
    for (const key of keys) for (const id of index.get(key) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    const candidates = [...shared.entries()].sort((a, b) => b[1] - a[1]).slice(0, shippedPolicy.parameters.script.maxCandidates);
    const assignment = assignCluster(shingles, candidates.map(([id]) => ({ postId: String(id), clusterId: String(stored[id]!.base), clusterCreatedAt: new Date(0), creatorId: String(id), shingles: stored[id]!.shingles })), shippedPolicy.parameters.script);
    const id = stored.length;
    stored.push({ shingles, base });
    for (const key of keys) index.set(key, [...(index.get(key) ?? []), id]);
    return assignment.matches.map((match) => ({ base: Number(match.clusterId), jaccard: match.jaccard, exact: exactJaccard(shingles, stored[Number(match.postId)]!.shingles) }));
  };
  bases.forEach((words, base) => add(words, base));
  console.log(`\n== Content screening: near-duplicate detection (${bases.length} scripts, readings with 0-10% of words changed) ==`);
  const rows: Record<string, { recall: string; precision: string; 'precision at J >= 0.8': string }> = {};
  for (const rate of [0, 0.02, 0.05, 0.08, 0.1]) {
    let found = 0;
    let flagged = 0;
    let correct = 0;
    let high = 0;
    let highCorrect = 0;
    bases.forEach((words, base) => {
      const matches = add(edit(words, rate), base);
      if (matches.some((match) => match.base === base)) found += 1;
      for (const match of matches) {
        flagged += 1;
        if (match.base === base) correct += 1;
        if (match.exact >= 0.8) {
          high += 1;
          if (match.base === base) highCorrect += 1;
        }
      }
    });
    rows[`${Math.round(rate * 100)}% changed`] = { recall: `${((found / bases.length) * 100).toFixed(1)}%`, precision: `${((correct / Math.max(flagged, 1)) * 100).toFixed(1)}%`, 'precision at J >= 0.8': high ? `${((highCorrect / high) * 100).toFixed(1)}%` : 'n/a' };
  }
  console.table(rows);
}

function signatureSpeed(): void {
  const random = seeded(3);
  const texts = Array.from({ length: 300 }, () => Array.from({ length: 80 }, () => `w${Math.floor(random() * 5000)}`));
  let started = performance.now();
  for (const words of texts) minhashSignature(shinglesOf(words));
  const ours = performance.now() - started;
  started = performance.now();
  for (const words of texts) {
    const hash = new minhashPackage.Minhash();
    for (let start = 0; start + 5 <= words.length; start += 1) hash.update(words.slice(start, start + 5).join(' '));
  }
  const theirs = performance.now() - started;
  console.log(`\n== MinHash, 128 permutations, ${texts.length} texts of 80 words ==`);
  console.log(`ours: ${((texts.length / ours) * 1000).toFixed(0)} signatures/s; npm minhash 0.0.9: ${((texts.length / theirs) * 1000).toFixed(0)} signatures/s; ratio ${(theirs / ours).toFixed(1)}x`);
}

export async function contentBench(): Promise<void> {
  signatureSpeed();
  nearDuplicates();
  await candidateLookup();
}
