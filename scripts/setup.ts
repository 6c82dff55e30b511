import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../core/config.ts';
import { describeDatabaseUrl } from '../core/databaseUrl.ts';
import { createDataProtector, DATA_KEY_FILE, generateDataKey, resolveDataKey } from '../core/dataProtection.ts';
import { describeError } from '../core/startup.ts';
import { ensureDatabaseExists, generatePrismaClient, migrateDatabase } from './database.ts';
import { ensureDebianPictures } from './debianPictures.ts';
import { run } from './processes.ts';
import { ensureTemporalCli } from './temporalCli.ts';

export const root = path.join(import.meta.dirname, '..');
export const log = (line: string) => process.stdout.write(`[setup] ${line}\n`);

export interface SetupResult {
  temporalCli: string;
  apiKeyFile: string;
  apiKeyCreated: boolean;
}

/** Every step of `npm run setup`; each one skips work already done, so a second run is quick. */
export async function setUp(config: Config): Promise<SetupResult> {
  const dataDir = path.resolve(root, config.BONAFIDE_DATA_DIR);
  await mkdir(dataDir, { recursive: true });

  const keyFile = path.join(dataDir, DATA_KEY_FILE);
  if (!config.DATA_ENCRYPTION_KEY && !existsSync(keyFile)) {
    await writeFile(keyFile, `${generateDataKey()}\n`, { mode: 0o600 });
    log(`development data-encryption key written to ${path.relative(root, keyFile)} (set DATA_ENCRYPTION_KEY in production)`);
  }

  const temporalCli = await ensureTemporalCli(log);
  log(`Temporal CLI: ${temporalCli}`);

  await generatePrismaClient();
  log('Prisma client generated');

  const where = describeDatabaseUrl(config.DATABASE_URL);
  try {
    if (await ensureDatabaseExists(config.DATABASE_URL)) log(`created database ${where}`);
  } catch (error) {
    throw new Error(
      `PostgreSQL at ${where} is not reachable (${describeError(error)}). Start it (on Debian: ` +
        'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set DATABASE_URL.',
    );
  }
  await migrateDatabase(config.DATABASE_URL);
  log(`migrations applied to ${where}`);

  // Imported late: the generated Prisma client exists only after the step above.
  const { createDatabase } = await import('../core/database.ts');
  const { seedDevelopment } = await import('../prisma/seed.ts');
  const database = createDatabase({ url: config.DATABASE_URL, poolSize: 2 });
  try {
    const seeded = await seedDevelopment(database.prisma, {
      protector: createDataProtector(resolveDataKey(config.DATA_ENCRYPTION_KEY, dataDir)),
      dataDir,
      moderatorEmail: config.DEV_MODERATOR_EMAIL,
      moderatorPassword: config.DEV_MODERATOR_PASSWORD,
      log,
    });
    log(`development fixtures loaded; API key ${seeded.apiKeyCreated ? 'created' : 'kept'} in ${path.relative(root, seeded.apiKeyFile)}`);
    if (seeded.apiKeyCreated) log(`development API key (Demo Marketplace): ${seeded.apiKey}`);
    await buildConsoleIfChanged(config);
    await fetchDebianPictures();
    return { temporalCli, apiKeyFile: seeded.apiKeyFile, apiKeyCreated: seeded.apiKeyCreated };
  } finally {
    await database.close();
  }
}

/**
 * The real pictures of the image-matching evaluation, fetched now so the first `npm test` or
 * `npm run eval` need not. The platform runs without them, so a machine without Debian's package
 * sources only gets a warning here; the tests and the evaluation stop with the reason.
 */
async function fetchDebianPictures(): Promise<void> {
  try {
    log(`Debian pictures for the image-matching evaluation: ${await ensureDebianPictures(log)}`);
  } catch (error) {
    log(`warning: ${(error as Error).message}`);
  }
}

async function hashTree(dir: string, hash = createHash('sha256')): Promise<ReturnType<typeof createHash>> {
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) await hashTree(file, hash);
    else hash.update(entry.name).update(await readFile(file));
  }
  return hash;
}

/** Rebuilds the console only when its sources (or the build-time settings) changed. */
async function buildConsoleIfChanged(config: Config): Promise<void> {
  const consoleDir = path.join(root, 'admin-ui');
  const hash = await hashTree(path.join(consoleDir, 'src'));
  for (const file of ['index.html', 'vite.config.ts', '../package-lock.json']) hash.update(await readFile(path.join(consoleDir, file)));
  hash.update(String(config.TEMPORAL_UI_PORT));
  const fingerprint = hash.digest('hex');
  const stamp = path.join(consoleDir, 'dist', '.source-hash');
  if (existsSync(stamp) && (await readFile(stamp, 'utf8')) === fingerprint) return;
  log('building the moderator console');
  await run(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--config', 'admin-ui/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    env: { ...process.env, VITE_TEMPORAL_UI_URL: process.env.VITE_TEMPORAL_UI_URL ?? `http://127.0.0.1:${config.TEMPORAL_UI_PORT}` },
  });
  await writeFile(stamp, fingerprint);
}
