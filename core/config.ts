/**
 * Configuration: every setting comes from an environment variable with a documented default.
 * The table below is the single source: `.env.example` mirrors it (a unit test keeps them in
 * step) and `loadConfig` refuses a bad value with one line naming the variable.
 */
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Parser<T> = (raw: string) => T;

const integer =
  (min: number, max: number): Parser<number> =>
  (raw) => {
    if (!/^-?\d+$/.test(raw.trim())) throw new Error(`must be an integer (got "${raw}")`);
    const value = Number(raw);
    if (value < min || value > max) throw new Error(`must be between ${min} and ${max} (got ${value})`);
    return value;
  };

const text: Parser<string> = (raw) => {
  if (raw.trim() === '') throw new Error('must not be empty');
  return raw.trim();
};

const optionalText: Parser<string> = (raw) => raw.trim();

const httpUrl: Parser<string> = (raw) => {
  if (raw.trim() === '') return '';
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    throw new Error(`must be an http(s) URL (got "${raw}")`);
  }
  return raw.replace(/\/+$/, '');
};

/** IPv4/IPv6 addresses or CIDR ranges; checked here so a typo stops the process, not a request. */
const trustedProxies: Parser<string[]> = (raw) => {
  const entries = raw.split(',').map((item) => item.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    if (family === 0 || extra !== undefined || (bits !== undefined && !(/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits))) {
      throw new Error(`must list IP addresses or CIDR ranges (got "${entry}")`);
    }
  }
  return entries;
};

const list: Parser<string[]> = (raw) => raw.split(',').map((item) => item.trim()).filter(Boolean);

/** http(s) origins, kept in the form browsers send in `Origin` (lower-case host, no default port). */
const origins: Parser<string[]> = (raw) =>
  list(raw).map((entry) => {
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      // refused below
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
      throw new Error(`must list origins (scheme://host[:port], nothing after) such as https://console.example.com (got "${entry}")`);
    }
    return url.origin;
  });
/** The task queues a worker process can poll; a misspelt one would otherwise leave a queue unserved. */
export const WORKER_QUEUES = ['main', 'documents', 'bulk'] as const;
export type WorkerQueue = (typeof WORKER_QUEUES)[number];
const queueNames: Parser<WorkerQueue[]> = (raw) => {
  const names = list(raw);
  const unknown = names.filter((name) => !(WORKER_QUEUES as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) throw new Error(`must list one or more of ${WORKER_QUEUES.join(', ')} (got "${raw}")`);
  return names as WorkerQueue[];
};

/** Empty, or a secret long enough for HMAC-SHA256. */
const buyerLinkSecret: Parser<string> = (raw) => {
  const secret = raw.trim();
  if (secret !== '' && secret.length < 32) throw new Error('must be empty or at least 32 characters');
  return secret;
};

/** A thread count, or `auto`: one per core this process may use. */
const threadCount: Parser<number> = (raw) => (raw.trim() === 'auto' ? availableParallelism() : integer(1, 64)(raw));

const oneOf =
  <T extends string>(...choices: T[]): Parser<T> =>
  (raw) => {
    if (!(choices as string[]).includes(raw)) throw new Error(`must be one of ${choices.join(', ')} (got "${raw}")`);
    return raw as T;
  };

const boolean: Parser<boolean> = (raw) => {
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new Error(`must be true or false (got "${raw}")`);
};

/** `name=https://…` pairs: the file each list is saved as in WATCHLIST_DIR, and where it is downloaded from. */
const listSources: Parser<{ file: string; url: string }[]> = (raw) =>
  list(raw).map((pair) => {
    const at = pair.indexOf('=');
    const file = pair.slice(0, at).trim();
    const url = pair.slice(at + 1).trim();
    if (at < 1 || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,100}\.csv$/.test(file)) throw new Error(`must be file.csv=https://… pairs (got "${pair}")`);
    if (httpUrl(url) === '' || !url.startsWith('https://')) throw new Error(`must download ${file} from an https URL (got "${url}")`);
    return { file, url };
  });

const postgresUrl: Parser<string> = (raw) => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('must be a URL such as postgresql://user@host:5432/database');
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new Error(`must use the postgresql: scheme (got "${url.protocol}")`);
  }
  if (url.pathname.length < 2) throw new Error('must name a database');
  return raw;
};

const hostPort: Parser<string> = (raw) => {
  if (!/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/.test(raw)) throw new Error(`must be host:port (got "${raw}")`);
  return raw;
};

interface Setting<T> {
  default: string;
  description: string;
  parse: Parser<T>;
}

const setting = <T>(def: string, description: string, parse: Parser<T>): Setting<T> => ({
  default: def,
  description,
  parse,
});

export const settings = {
  DATABASE_URL: setting('postgresql://postgres@127.0.0.1:5432/bonafide', 'PostgreSQL connection URL', postgresUrl),
  DATABASE_POOL_SIZE: setting('10', 'connections per process in the PostgreSQL pool', integer(1, 200)),
  TEMPORAL_ADDRESS: setting('127.0.0.1:7233', 'Temporal frontend (gRPC) host:port', hostPort),
  TEMPORAL_NAMESPACE: setting('default', 'Temporal namespace', text),
  TEMPORAL_TASK_QUEUE: setting('bonafide-main', 'task queue of the light (orchestration, database) worker', text),
  TEMPORAL_DOCUMENTS_TASK_QUEUE: setting('bonafide-documents', 'task queue of the heavy worker (OCR, image decoding)', text),
  TEMPORAL_BULK_TASK_QUEUE: setting('bonafide-bulk', 'task queue of bulk work (listing batches, content backfills, gallery re-screenings), polled by its own worker so it never takes the slots of single submissions, case reviews and webhooks', text),
  BULK_WORKER_MAX_ACTIVITIES: setting('4', 'bulk activities one worker process runs at once (a listing-batch chunk screens 8 listings concurrently); scale bulk throughput with more bulk workers', integer(1, 100)),
  OCR_THREADS: setting('auto', 'Tesseract threads per OCR engine in a documents worker; it runs one documents activity per thread and one more waiting its turn; auto: one per core (OCR is CPU-bound: more only adds memory, about 100 MB per thread and engine)', threadCount),
  WORKER_TASK_QUEUES: setting('main,documents,bulk', 'which task queues this worker process polls, comma-separated: main, documents, bulk', queueNames),
  TEMPORAL_DEV_SERVER: setting('true', '`npm start` runs a local Temporal dev server at TEMPORAL_ADDRESS; false to use an external cluster', boolean),
  TEMPORAL_UI_PORT: setting('8233', 'port of the Temporal Web UI started by `npm start`', integer(1, 65535)),
  API_HOST: setting('127.0.0.1', 'interface the API listens on', text),
  API_PORT: setting('3000', 'port the API listens on', integer(1, 65535)),
  API_PUBLIC_URL: setting('http://127.0.0.1:3000', 'base URL the API puts in resource links', text),
  API_BODY_LIMIT_BYTES: setting('1048576', 'largest JSON request body accepted, in bytes', integer(1024, 64 * 1024 * 1024)),
  API_REQUEST_TIMEOUT_MS: setting('30000', 'longest time a request may take before the connection is closed', integer(1000, 600000)),
  API_CONNECTION_TIMEOUT_MS: setting('10000', 'idle socket timeout for a connection that sends nothing', integer(1000, 600000)),
  API_KEEP_ALIVE_TIMEOUT_MS: setting('5000', 'keep-alive timeout between requests', integer(100, 600000)),
  CONSOLE_ORIGINS: setting('http://127.0.0.1:5173,http://localhost:5173', 'origins (scheme://host:port, as the browser shows the console) allowed to make console changes; no other is, not even the API\'s own (add it to use console routes from /docs)', origins),
  CONSOLE_PORT: setting('5173', 'port the moderator console is served on by `npm start`', integer(1, 65535)),
  SESSION_TTL_SECONDS: setting('28800', 'lifetime of a moderator login session', integer(60, 30 * 24 * 3600)),
  LOGIN_ATTEMPTS_PER_MINUTE: setting('10', 'console login attempts allowed per client address per minute', integer(1, 10000)),
  LOGIN_FAILURES_BEFORE_LOCKOUT: setting('5', 'consecutive failed console logins for one email (an account or not) after which its attempts must wait; a successful login starts over', integer(1, 1000)),
  LOGIN_LOCKOUT_SECONDS: setting('60', 'the first such wait; it doubles with each further failure', integer(1, 3600)),
  LOGIN_LOCKOUT_MAX_SECONDS: setting('900', 'the longest wait (at most 3600): a moderator is never locked out longer than this after the last failure', integer(1, 3600)),
  TRUST_PROXY: setting('', 'addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed (comma-separated, e.g. the console proxy); empty: none, the peer address is the client', trustedProxies),
  API_KEY_REQUESTS_PER_MINUTE: setting('600', 'requests one marketplace API key may make per minute across the API (seller-vetting submissions count separately)', integer(1, 1_000_000)),
  API_KEY_FAILURES_PER_MINUTE: setting('30', 'requests with an unknown or revoked API key one client address (an IPv6 /64) may make per minute; past it, that address\'s API-key requests answer 429 until the minute ends, without a key lookup', integer(1, 1_000_000)),
  API_KEY_VETTINGS_PER_MINUTE: setting('60', 'seller-vetting submissions one marketplace API key may make per minute (each one is OCR work)', integer(1, 1_000_000)),
  IDEMPOTENCY_RETENTION_HOURS: setting('24', 'how long an Idempotency-Key and its stored response are kept', integer(1, 30 * 24)),
  IDEMPOTENCY_PURGE_INTERVAL_MINUTES: setting('60', 'how often the scheduled purge deletes expired idempotency records, stale rate-limit counters and the line-by-line receipts of code imports that ended 30 days ago', integer(1, 24 * 60)),
  WORKFLOW_START_POLL_MS: setting('1000', 'how often each API process starts the workflows still waiting in the outbox (a submission\'s own is started at once; these are starts a stopped replica left or Temporal refused)', integer(50, 60_000)),
  WORKFLOW_START_CONCURRENCY: setting('16', 'workflow starts one API process has in flight at once', integer(1, 1000)),
  FAILURE_SWEEP_INTERVAL_MINUTES: setting('15', 'how often the scheduled sweep checks unfinished vettings and screenings against their workflows (one that closed without finishing becomes failed)', integer(1, 24 * 60)),
  STATEMENT_EXPORT_INTERVAL_MINUTES: setting('10', 'how often statements of reasons are submitted to the DSA Transparency Database, for the marketplaces that gave its endpoint (PUT /v1/transparency-database)', integer(1, 24 * 60)),
  FAILURE_SWEEP_UNTOUCHED_MINUTES: setting('30', 'the sweep checks only unfinished subjects whose row has not changed for this long', integer(1, 30 * 24 * 60)),
  RECONCILE_ON_READ_AFTER_SECONDS: setting('10', 'a GET of an unfinished vetting or screening quiet for this long asks Temporal whether its workflow still runs (0: on every GET)', integer(0, 24 * 60 * 60)),
  COOKIE_SECURE: setting('false', 'mark the session cookie Secure (set true behind HTTPS)', boolean),
  DATA_ENCRYPTION_KEY: setting('', 'base64 of 32 random bytes encrypting personal data at rest; empty: the development key setup writes to BONAFIDE_DATA_DIR', optionalText),
  DOCUMENT_MAX_BYTES: setting('8388608', 'largest identity-document image accepted, in bytes', integer(1024, 64 * 1024 * 1024)),
  DOCUMENT_MAX_PIXELS: setting('40000000', 'largest identity-document image accepted, in pixels (decompression-bomb guard)', integer(10000, 500_000_000)),
  DOCUMENT_SPECIMEN_CODES: setting('', 'ICAO specimen codes (e.g. UTO) accepted as issuing state and nationality, comma-separated; for tests and demos, empty in production', list),
  REGISTRY_PROVIDER: setting('fixture', 'business registry provider: fixture (synthetic companies) or http', oneOf('fixture', 'http')),
  REGISTRY_BASE_URL: setting('', 'base URL of the http registry/KYB provider', httpUrl),
  REGISTRY_API_KEY: setting('', 'API key for the http registry provider', optionalText),
  REGISTRY_TIMEOUT_MS: setting('10000', 'timeout of one registry call', integer(100, 120000)),
  WATCHLIST_DIR: setting('fixtures/seller-vetting/watchlists', 'folder of sanctions lists (OFAC SDN sdn.csv/alt.csv, generic CSVs); with WATCHLIST_SOURCES, a link the refresh swaps to each new download', text),
  WATCHLIST_SOURCES: setting('', 'lists the scheduled refresh downloads into WATCHLIST_DIR, as file.csv=https-URL pairs (sdn.csv=…,alt.csv=…); empty: no refresh', listSources),
  WATCHLIST_REFRESH_INTERVAL_SECONDS: setting('21600', 'how often the watchlist refresh runs', integer(60, 7 * 86400)),
  WATCHLIST_DOWNLOAD_MAX_BYTES: setting('134217728', 'largest list file the refresh downloads, in bytes', integer(1024, 2 * 1024 * 1024 * 1024)),
  WATCHLIST_DOWNLOAD_TIMEOUT_MS: setting('120000', 'timeout of one list download', integer(1000, 600000)),
  NODE_ENV: setting('development', 'production: a worker refuses the synthetic registry and watchlists unless ALLOW_FIXTURE_DATA_IN_PRODUCTION (the Dockerfiles set it)', optionalText),
  ALLOW_FIXTURE_DATA_IN_PRODUCTION: setting('false', 'let a production worker screen against the synthetic fixture registry and watchlists (demonstrations only)', boolean),
  OUTBOUND_ALLOW_PRIVATE_NETWORK: setting('false', 'allow webhooks and providers on private or loopback addresses (development only)', boolean),
  CASE_CLAIM_SECONDS: setting('1800', 'how long a moderator\'s claim on a case lasts before the case returns to its queue', integer(30, 7 * 86400)),
  LISTING_BATCH_CHUNK_SIZE: setting('1000', 'listings of a batch screened together by one activity (bulk reads and writes, one transaction); progress moves a chunk at a time; fewer, larger chunks cost the orchestration less (docs/listing-screening.md, "Batch rate")', integer(1, 2000)),
  LISTING_BATCH_CHUNKS_IN_FLIGHT: setting('2', 'chunks of one batch screened at once (their database and Temporal round trips overlap)', integer(1, 16)),
  CODE_IMPORT_CHUNK_SIZE: setting('20000', 'codes of a brand-code import written by one activity (one set-based upsert in one transaction; an import\'s chunks run one after the other)', integer(100, 100000)),
  CONTENT_BATCH_CHUNK_SIZE: setting('500', 'posts of a content backfill screened by one activity, one after the other in time order (chunks of a backfill run one at a time: detection keeps state from post to post); a chunk holds the tenant\'s script index, so the tenant\'s single posts wait for it (about a second for 500)', integer(1, 2000)),
  BUYER_LINK_SECRET: setting('', 'secret (at least 32 characters) that signs the buyer page links of authenticity checks; empty: a random one per API process (links then stop working when it restarts: set it in production, the same on every replica)', buyerLinkSecret),
  BUYER_LINK_TTL_SECONDS: setting('1209600', 'how long a buyer page link stays valid after its check was sent (14 days)', integer(60, 90 * 86400)),
  BUYER_PAGE_URL: setting('http://127.0.0.1:5173/buyer.html', 'the buyer page as buyers open it (the console build serves it); links add their token after #', httpUrl),
  BUYER_PHOTOS_SECONDS: setting('1209600', 'how long an authenticity check waits for the buyer\'s photos (sent with nothing, or asked for a retake) before it goes on without them (14 days)', integer(1, 90 * 86400)),
  BUYER_PAGE_REQUESTS_PER_MINUTE: setting('30', 'requests a minute the buyer page\'s API takes for one check, and from one client address', integer(1, 100000)),
  CASE_SLA_SECONDS: setting('86400', 'time a moderator has for a normal-priority case before its priority rises', integer(1, 30 * 86400)),
  WEBHOOK_TIMEOUT_MS: setting('10000', 'timeout of one webhook delivery attempt', integer(100, 120000)),
  WEBHOOK_RETRY_INITIAL_SECONDS: setting('5', 'delay before the first webhook retry (doubles each time)', integer(1, 3600)),
  WEBHOOK_RETRY_MAX_INTERVAL_SECONDS: setting('3600', 'longest delay between webhook retries', integer(1, 86400)),
  WEBHOOK_RETRY_WINDOW_SECONDS: setting('259200', 'how long a webhook event is retried before it is marked failed', integer(1, 30 * 86400)),
  STARTUP_RETRY_ATTEMPTS: setting('15', 'how often a starting process tries to reach PostgreSQL or Temporal before it gives up', integer(1, 1000)),
  STARTUP_RETRY_INTERVAL_MS: setting('2000', 'pause between those attempts', integer(10, 60000)),
  LOG_LEVEL: setting('info', 'log level', oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent')),
  BONAFIDE_DATA_DIR: setting('.data', 'folder for local state: Temporal dev database, development credentials', text),
  LOAD_SAMPLE_VETTINGS: setting('true', '`npm start` submits the sample vettings of fixtures/development once, so the console has escalations to work', boolean),
  DEV_MODERATOR_EMAIL: setting('moderator@bonafide.local', 'development moderator created by setup', text),
  DEV_MODERATOR_PASSWORD: setting('bonafide-dev', 'password of the development moderator created by setup', text),
} satisfies Record<string, Setting<unknown>>;

type Settings = typeof settings;
export type Config = { [K in keyof Settings]: Settings[K] extends Setting<infer T> ? T : never };

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const config: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(settings) as [keyof Settings, Setting<unknown>][]) {
    const raw = env[name] ?? spec.default;
    try {
      config[name] = spec.parse(raw);
    } catch (error) {
      throw new ConfigError(name, (error as Error).message);
    }
  }
  return config as Config;
}

/**
 * For process entry points: load the configuration or print the one offending line and exit.
 */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
