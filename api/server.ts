/**
 * API process. Waits for PostgreSQL (one log line per attempt, then a clear exit); comes up
 * while Temporal is unreachable and reports it in /healthz. SIGINT/SIGTERM close it cleanly.
 */
import path from 'node:path';
import pino from 'pino';
import { createDataProtector, resolveDataKey, type DataProtector } from '../core/dataProtection.ts';
import { loadConfigOrExit } from '../core/config.ts';
import { createDatabase, describeDatabaseUrl, pingDatabase } from '../core/database.ts';
import { loadDotEnv } from '../core/dotenv.ts';
import { describeError, exitWithStartupError, waitForDependency } from '../core/startup.ts';
import { createTemporalClient, pingTemporal } from '../core/temporal.ts';
import { buildApp } from './app.ts';

loadDotEnv();
const config = loadConfigOrExit();
const log = pino({ level: config.LOG_LEVEL, base: { service: 'api' } });
const database = createDatabase({
  url: config.DATABASE_URL,
  poolSize: config.DATABASE_POOL_SIZE,
  onIdleConnectionError: (error) => log.warn({ err: error }, 'idle PostgreSQL connection failed; the pool will reconnect'),
});
const temporal = createTemporalClient(config);
let protector: DataProtector;
try {
  protector = createDataProtector(resolveDataKey(config.DATA_ENCRYPTION_KEY, path.resolve(config.BONAFIDE_DATA_DIR)));
} catch (error) {
  exitWithStartupError('api', error);
}

async function main(): Promise<void> {
  await waitForDependency(() => pingDatabase(database.pool), {
    name: `PostgreSQL at ${describeDatabaseUrl(config.DATABASE_URL)}`,
    attempts: config.STARTUP_RETRY_ATTEMPTS,
    intervalMs: config.STARTUP_RETRY_INTERVAL_MS,
    hint: 'Check DATABASE_URL and that PostgreSQL is running (npm run setup creates the database).',
    log: (line) => log.warn(line),
  });
  await pingTemporal(temporal).catch((error: unknown) =>
    log.warn(`Temporal at ${config.TEMPORAL_ADDRESS} is not reachable yet (${describeError(error)}); /healthz reports it until it is`),
  );
  const app = await buildApp({ config, prisma: database.prisma, pool: database.pool, temporal, protector });
  await app.listen({ host: config.API_HOST, port: config.API_PORT });

  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await temporal.connection.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch(async (error) => {
  await database.close().catch(() => undefined);
  exitWithStartupError('api', error);
});
