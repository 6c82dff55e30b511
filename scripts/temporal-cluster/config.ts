/**
 * The cluster's configuration: its block of ports, and the server and dynamic config rendered from
 * the templates beside this file.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Log } from './process.ts';
import type { PostgresTarget } from './schema.ts';

/** First frontend port tried when none is given; far from the dev server's 7233. */
export const DEFAULT_FRONTEND_PORT = 17233;
const TEMPLATE_DIR = import.meta.dirname;

export interface ClusterPorts {
  frontend: number;
  frontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  frontendMembership: number;
  historyMembership: number;
  matchingMembership: number;
  workerMembership: number;
}

/**
 * The port block derived from the frontend gRPC port P: services at P, P+1, P+2, P+6 (like the
 * stock 7233/7234/7235/7239), the frontend HTTP API at P+10, membership (ringpop) at P+100 + the
 * same offsets.
 */
export function clusterPorts(frontendPort: number): ClusterPorts {
  if (!Number.isInteger(frontendPort) || frontendPort < 1024 || frontendPort + 106 > 65535) {
    throw new Error(`frontend port must be an integer in 1024..65429, got ${frontendPort}`);
  }
  const p = frontendPort;
  return {
    frontend: p,
    history: p + 1,
    matching: p + 2,
    worker: p + 6,
    frontendHttp: p + 10,
    frontendMembership: p + 100,
    historyMembership: p + 101,
    matchingMembership: p + 102,
    workerMembership: p + 106,
  };
}

/** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
export function yamlString(value: string): string {
  return JSON.stringify(value);
}

/** Replaces `{{NAME}}` placeholders; every placeholder must have a value and every value a use. */
export function renderTemplate(template: string, values: Record<string, string | number>): string {
  const used = new Set<string>();
  const out = template.replace(/\{\{([A-Z][A-Z0-9_]*)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template placeholder {{${name}}} has no value`);
    used.add(name);
    return String(value);
  });
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`template has no placeholder for: ${unused.join(', ')}`);
  return out;
}

export interface ServerConfigInput {
  postgres: PostgresTarget;
  mainDatabase: string;
  visibilityDatabase: string;
  ports: ClusterPorts;
  logLevel?: string;
  historyShards?: number;
}

/** Values for scripts/temporal-cluster/development.yaml.tmpl. */
export function serverConfigValues(input: ServerConfigInput): Record<string, string | number> {
  const { postgres, ports } = input;
  const dbHost = postgres.host.includes(':') ? `[${postgres.host}]` : postgres.host;
  return {
    LOG_LEVEL: yamlString(input.logLevel ?? 'info'),
    HISTORY_SHARDS: input.historyShards ?? 4,
    DB_MAIN: yamlString(input.mainDatabase),
    DB_VISIBILITY: yamlString(input.visibilityDatabase),
    DB_ADDRESS: yamlString(`${dbHost}:${postgres.port}`),
    DB_USER: yamlString(postgres.user),
    DB_PASSWORD: yamlString(postgres.password),
    FRONTEND_PORT: ports.frontend,
    FRONTEND_HTTP_PORT: ports.frontendHttp,
    FRONTEND_MEMBERSHIP_PORT: ports.frontendMembership,
    HISTORY_PORT: ports.history,
    HISTORY_MEMBERSHIP_PORT: ports.historyMembership,
    MATCHING_PORT: ports.matching,
    MATCHING_MEMBERSHIP_PORT: ports.matchingMembership,
    WORKER_PORT: ports.worker,
    WORKER_MEMBERSHIP_PORT: ports.workerMembership,
    FRONTEND_ADDRESS: yamlString(`127.0.0.1:${ports.frontend}`),
  };
}

/** Values for scripts/temporal-cluster/dynamicconfig.yaml.tmpl. */
export function dynamicConfigValues(ports: ClusterPorts): Record<string, string> {
  return {
    NEXUS_CALLBACK_TEMPLATE: yamlString(
      `http://127.0.0.1:${ports.frontendHttp}/namespaces/{{.NamespaceName}}/nexus/callback`,
    ),
  };
}

/**
 * Renders the templates into `workDir/config`: development.yaml (readable by the owner only, the
 * database password may be in it) and dynamicconfig/development-sql.yaml.
 */
export async function writeServerConfig(workDir: string, input: ServerConfigInput): Promise<void> {
  const [serverTemplate, dynamicTemplate] = await Promise.all([
    readFile(join(TEMPLATE_DIR, 'development.yaml.tmpl'), 'utf8'),
    readFile(join(TEMPLATE_DIR, 'dynamicconfig.yaml.tmpl'), 'utf8'),
  ]);
  const configFile = join(workDir, 'config', 'development.yaml');
  await writeFile(configFile, renderTemplate(serverTemplate, serverConfigValues(input)));
  await chmod(configFile, 0o600);
  await writeFile(join(workDir, 'config', 'dynamicconfig', 'development-sql.yaml'), renderTemplate(dynamicTemplate, dynamicConfigValues(input.ports)));
}

async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  try {
    await new Promise<void>((resolvePromise, reject) => {
      server.once('error', reject);
      server.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolvePromise());
    });
    return true;
  } catch {
    return false;
  } finally {
    if (server.listening) await new Promise<void>((r) => server.close(() => r()));
  }
}

async function busyPorts(ports: ClusterPorts): Promise<number[]> {
  const busy: number[] = [];
  for (const port of Object.values(ports)) if (!(await portIsFree(port))) busy.push(port);
  return busy;
}

/** The given frontend port (all of its block must be free), or the first free block from 17233 in steps of 200. */
export async function choosePorts(requested: number | undefined, log: Log): Promise<ClusterPorts> {
  if (requested !== undefined) {
    const ports = clusterPorts(requested);
    const busy = await busyPorts(ports);
    if (busy.length > 0) throw new Error(`ports in use for a Temporal cluster on ${requested}: ${busy.join(', ')}`);
    return ports;
  }
  for (let base = DEFAULT_FRONTEND_PORT; base + 106 <= 65535 && base < DEFAULT_FRONTEND_PORT + 20 * 200; base += 200) {
    const ports = clusterPorts(base);
    const busy = await busyPorts(ports);
    if (busy.length === 0) return ports;
    log(`ports ${busy.join(', ')} in use; trying frontend port ${base + 200}`);
  }
  throw new Error(`no free port block for the Temporal cluster from ${DEFAULT_FRONTEND_PORT} on`);
}
