/**
 * docker compose files for the deployment checks: loading (with Compose's YAML extensions),
 * variable interpolation and the normalised views of environment, ports, dependencies and builds.
 */
import path from 'node:path';
import YAML from 'yaml';
import { readRepo, type Env } from './repo.ts';

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; target?: string };
  environment?: Env | string[];
  ports?: (string | number | { target: number; published?: string | number; host_ip?: string })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  restart?: string;
  profiles?: string[];
  entrypoint?: string | string[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

// Compose's YAML extensions: merge keys (<<) and the !reset / !override tags of override files.
const composeTags = ['!reset', '!override'].flatMap((tag) => [
  { tag, collection: 'map' as const, resolve: (value: unknown) => value },
  { tag, collection: 'seq' as const, resolve: (value: unknown) => value },
]);

export function loadCompose(relative: string): ComposeFile {
  return YAML.parse(readRepo(relative), { merge: true, customTags: composeTags }) as ComposeFile;
}

/** Compose variable interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, $$. */
export function interpolate(value: string, variables: Env): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (match, name, operator, arg) => {
    if (match === '$$') return '$';
    const set = variables[name];
    if (operator === ':-') return set ? set : arg;
    if (operator === '-') return set ?? arg;
    if (operator === ':?' && !set) throw new Error(`${name} is required: ${arg}`);
    return set ?? '';
  });
}

/** The variables an operator provides in ./.env for the test resolution. */
export const OPERATOR_ENV: Env = { POSTGRES_PASSWORD: 'c0ffee0ddba11', DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };

export function environmentOf(service: ComposeService | undefined): Env {
  const raw = service?.environment ?? {};
  if (Array.isArray(raw)) {
    return Object.fromEntries(
      raw.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, String(value ?? '')]));
}

export const resolvedEnvironment = (service: ComposeService | undefined): Env =>
  Object.fromEntries(Object.entries(environmentOf(service)).map(([key, value]) => [key, interpolate(value, OPERATOR_ENV)]));

export interface PortMapping {
  hostIp?: string;
  published?: number;
  target: number;
}

export function portsOf(service: ComposeService | undefined): PortMapping[] {
  return (service?.ports ?? []).map((entry) => {
    if (typeof entry === 'object') {
      return {
        hostIp: entry.host_ip,
        published: entry.published === undefined ? undefined : Number(entry.published),
        target: Number(entry.target),
      };
    }
    const spec = String(entry).replace(/\/(tcp|udp)$/, '');
    const parts = spec.split(':');
    if (parts.length === 1) return { target: Number(parts[0]) };
    if (parts.length === 2) return { published: Number(parts[0]), target: Number(parts[1]) };
    return { hostIp: parts.slice(0, -2).join(':'), published: Number(parts.at(-2)), target: Number(parts.at(-1)) };
  });
}

export function dependenciesOf(service: ComposeService | undefined): Record<string, string> {
  const raw = service?.depends_on ?? {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(raw).map(([name, spec]) => [name, spec?.condition ?? 'service_started']));
}

export function buildOf(service: ComposeService): { context: string; dockerfile: string; target?: string } | undefined {
  if (service.build === undefined) return undefined;
  const build = typeof service.build === 'string' ? { context: service.build } : service.build;
  const context = build.context ?? '.';
  return { context, dockerfile: path.join(context, build.dockerfile ?? 'Dockerfile'), target: build.target };
}

/** host:port → [host, port] */
export function splitHostPort(address: string): [string, number] {
  const at = address.lastIndexOf(':');
  return [address.slice(0, at), Number(address.slice(at + 1))];
}

export const compose = loadCompose('docker-compose.yml');
export const services = compose.services;
export const APP_SERVICES = ['api', 'worker', 'worker-documents', 'worker-bulk', 'migrate'] as const;
