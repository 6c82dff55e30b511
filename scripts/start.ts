import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { Config } from '../core/config.ts';
import { waitForDependency } from '../core/startup.ts';
import { submitSampleAuthenticityChecks } from './sampleAuthenticityChecks.ts';
import { submitSampleContent } from './sampleContent.ts';
import { submitSampleListings } from './sampleListings.ts';
import { submitSampleVettings } from './sampleVettings.ts';
import { restrictDatabaseFiles, withPrivateUmask } from './privateDatabaseFile.ts';
import { root, setUp } from './setup.ts';
import { Supervisor } from './supervisor.ts';
import { workerProcesses } from './workerProcesses.ts';

const say = (line: string) => process.stdout.write(`[start] ${line}\n`);

/**
 * The buyer page's links in development: served by the console's `vite preview`, and signed with
 * a secret kept in the data folder (0600, like the keys beside it), so links printed before a
 * restart still open. A BUYER_LINK_SECRET or BUYER_PAGE_URL in the environment wins.
 */
async function buyerPageSettings(config: Config): Promise<Record<string, string>> {
  const settings: Record<string, string> = {};
  if (!process.env.BUYER_PAGE_URL) settings.BUYER_PAGE_URL = `http://127.0.0.1:${config.CONSOLE_PORT}/buyer.html`;
  if (!process.env.BUYER_LINK_SECRET) {
    const file = path.join(path.resolve(root, config.BONAFIDE_DATA_DIR), 'buyer-link-secret');
    let secret = (await readFile(file, 'utf8').catch(() => '')).trim();
    if (secret.length < 32) {
      secret = randomBytes(32).toString('hex');
      await writeFile(file, secret, { mode: 0o600 });
    }
    settings.BUYER_LINK_SECRET = secret;
  }
  return settings;
}

function portOf(address: string): string {
  return address.slice(address.lastIndexOf(':') + 1);
}

async function waitForHealthyApi(config: Config): Promise<void> {
  const url = `http://127.0.0.1:${config.API_PORT}/healthz`;
  await waitForDependency(
    async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`healthz answered ${response.status}: ${await response.text()}`);
    },
    { name: `the API at ${url}`, attempts: 60, intervalMs: 1_000, hint: 'See the api lines above.', log: () => undefined },
  );
}

/** `npm start`: set up what is missing, then run Temporal, the workers (interactive and bulk), the API and the console. */
export async function startPlatform(config: Config): Promise<void> {
  const setup = await setUp(config);
  const supervisor = new Supervisor((name, code, signal) => {
    process.stderr.write(`[start] ${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping everything\n`);
    void supervisor.stopAll().then(() => process.exit(1));
  });
  const shutdown = (signal: string) => {
    say(`${signal}: stopping`);
    void supervisor.stopAll().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  const env = { ...process.env, FORCE_COLOR: '1', ...(await buyerPageSettings(config)) };
  const tsx = (entry: string) => ({ command: process.execPath, args: ['--import', 'tsx', entry], env, cwd: root });

  if (config.TEMPORAL_DEV_SERVER) {
    const databaseFile = path.join(path.resolve(root, config.BONAFIDE_DATA_DIR), 'temporal.sqlite');
    // every workflow history is in this file: private (0600) like the keys beside it
    await restrictDatabaseFiles(databaseFile);
    withPrivateUmask(() =>
      supervisor.start({
        name: 'temporal',
        command: setup.temporalCli,
        args: [
          'server', 'start-dev',
          '--ip', '127.0.0.1',
          '--port', portOf(config.TEMPORAL_ADDRESS),
          '--ui-port', String(config.TEMPORAL_UI_PORT),
          '--db-filename', databaseFile,
          '--namespace', config.TEMPORAL_NAMESPACE,
          '--log-level', 'warn',
        ],
      }),
    );
    await waitForDependency(() => Connection.connect({ address: config.TEMPORAL_ADDRESS }).then((c) => c.close()), {
      name: `Temporal dev server at ${config.TEMPORAL_ADDRESS}`,
      attempts: 60,
      intervalMs: 1_000,
      hint: 'See the temporal lines above; is the port taken by another process?',
      log: () => undefined,
    });
    await restrictDatabaseFiles(databaseFile);
  }
  // A local platform is a demo: the fixture documents (and the README's example) carry ICAO's
  // specimen state UTO, which production refuses; unless DOCUMENT_SPECIMEN_CODES says otherwise,
  // the workers started here accept it.
  const specimenCodes = process.env.DOCUMENT_SPECIMEN_CODES ?? 'UTO';
  for (const worker of workerProcesses(config.WORKER_TASK_QUEUES)) {
    supervisor.start({ name: worker.name, ...tsx('workers/main.ts'), env: { ...env, WORKER_TASK_QUEUES: worker.queues.join(','), DOCUMENT_SPECIMEN_CODES: specimenCodes } });
  }
  // The API takes console changes only from CONSOLE_ORIGINS: unless that is set, the console
  // served here, on whatever CONSOLE_PORT is.
  const consoleOrigins = process.env.CONSOLE_ORIGINS ?? `http://127.0.0.1:${config.CONSOLE_PORT},http://localhost:${config.CONSOLE_PORT}`;
  supervisor.start({ name: 'api', ...tsx('api/server.ts'), env: { ...env, CONSOLE_ORIGINS: consoleOrigins } });
  supervisor.start({
    name: 'console',
    command: path.join(root, 'node_modules', '.bin', 'vite'),
    args: ['preview', '--config', 'admin-ui/vite.config.ts', '--port', String(config.CONSOLE_PORT), '--strictPort', '--host', '127.0.0.1'],
    env: { ...env, API_PUBLIC_URL: `http://127.0.0.1:${config.API_PORT}` },
    cwd: root,
  });
  await waitForHealthyApi(config);
  if (config.LOAD_SAMPLE_VETTINGS) {
    const apiKey = (await readFile(setup.apiKeyFile, 'utf8')).trim();
    // Sample data is a convenience: a failure is reported, the platform keeps running.
    await submitSampleVettings(`http://127.0.0.1:${config.API_PORT}`, apiKey, say).catch((error: unknown) =>
      say(`sample vettings not submitted: ${error instanceof Error ? error.message : String(error)}`),
    );
    await submitSampleContent(`http://127.0.0.1:${config.API_PORT}`, apiKey, say).catch((error: unknown) =>
      say(`sample content not submitted: ${error instanceof Error ? error.message : String(error)}`),
    );
    await submitSampleListings(`http://127.0.0.1:${config.API_PORT}`, apiKey, path.resolve(root, config.BONAFIDE_DATA_DIR), say).catch((error: unknown) =>
      say(`sample listings not submitted: ${error instanceof Error ? error.message : String(error)}`),
    );
    await submitSampleAuthenticityChecks(`http://127.0.0.1:${config.API_PORT}`, apiKey, path.resolve(root, config.BONAFIDE_DATA_DIR), say).catch((error: unknown) =>
      say(`sample authenticity checks not submitted: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
  say('Bonafide is up:');
  say(`  API            http://127.0.0.1:${config.API_PORT}   (docs: /docs, health: /healthz)`);
  say(`  console        http://127.0.0.1:${config.CONSOLE_PORT}   login ${config.DEV_MODERATOR_EMAIL} / ${config.DEV_MODERATOR_PASSWORD}`);
  if (config.TEMPORAL_DEV_SERVER) say(`  Temporal UI    http://127.0.0.1:${config.TEMPORAL_UI_PORT}`);
  say(`  API key        in ${path.relative(root, setup.apiKeyFile)}`);
  say('Ctrl-C stops everything.');
}
