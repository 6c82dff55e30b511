/**
 * Static checks of the production deployment: docker-compose.yml, the three Dockerfiles,
 * admin-ui/nginx.conf, .dockerignore and deploy/. No Docker engine and no network: the files
 * are parsed and cross-checked against each other, against the repository tree and against
 * the configuration table in core/config.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { loadConfig, settings } from './config.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const repoPath = (relative: string) => path.join(ROOT, relative);
const readRepo = (relative: string) => readFileSync(repoPath(relative), 'utf8');
const settingNames = Object.keys(settings);
const defaultPort = (name: 'API_PORT' | 'CONSOLE_PORT' | 'TEMPORAL_UI_PORT') => Number(settings[name].default);

// ---------------------------------------------------------------------------------------------
// docker compose files

type Env = Record<string, string>;

interface ComposeService {
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

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

// Compose's YAML extensions: merge keys (<<) and the !reset / !override tags of override files.
const composeTags = ['!reset', '!override'].flatMap((tag) => [
  { tag, collection: 'map' as const, resolve: (value: unknown) => value },
  { tag, collection: 'seq' as const, resolve: (value: unknown) => value },
]);

function loadCompose(relative: string): ComposeFile {
  return YAML.parse(readRepo(relative), { merge: true, customTags: composeTags }) as ComposeFile;
}

/** Compose variable interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, $$. */
function interpolate(value: string, variables: Env): string {
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
const OPERATOR_ENV: Env = { POSTGRES_PASSWORD: 'c0ffee0ddba11' };

function environmentOf(service: ComposeService | undefined): Env {
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

const resolvedEnvironment = (service: ComposeService | undefined): Env =>
  Object.fromEntries(Object.entries(environmentOf(service)).map(([key, value]) => [key, interpolate(value, OPERATOR_ENV)]));

interface PortMapping {
  hostIp?: string;
  published?: number;
  target: number;
}

function portsOf(service: ComposeService | undefined): PortMapping[] {
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

function dependenciesOf(service: ComposeService | undefined): Record<string, string> {
  const raw = service?.depends_on ?? {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(raw).map(([name, spec]) => [name, spec?.condition ?? 'service_started']));
}

function buildOf(service: ComposeService): { context: string; dockerfile: string; target?: string } | undefined {
  if (service.build === undefined) return undefined;
  const build = typeof service.build === 'string' ? { context: service.build } : service.build;
  const context = build.context ?? '.';
  return { context, dockerfile: path.join(context, build.dockerfile ?? 'Dockerfile'), target: build.target };
}

/** host:port → [host, port] */
function splitHostPort(address: string): [string, number] {
  const at = address.lastIndexOf(':');
  return [address.slice(0, at), Number(address.slice(at + 1))];
}

// ---------------------------------------------------------------------------------------------
// Dockerfiles

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

function parseDockerfile(relative: string): Stage[] {
  const lines = readRepo(relative).split('\n');
  const logical: string[] = [];
  let current = '';
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#') || (trimmed === '' && current === '')) continue;
    if (trimmed.endsWith('\\')) {
      current += `${trimmed.slice(0, -1)} `;
      continue;
    }
    logical.push((current + trimmed).trim());
    current = '';
  }
  const globalArgs: Env = {};
  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    const upper = keyword.toUpperCase();
    if (upper === 'ARG' && stages.length === 0) {
      const [name = '', value = ''] = args.split('=');
      globalArgs[name] = value;
    } else if (upper === 'FROM') {
      const words = args.split(/\s+/).filter((word) => !word.startsWith('--platform'));
      const image = (words[0] ?? '').replace(/\$\{?([A-Za-z_]\w*)\}?/g, (_, name: string) => globalArgs[name] ?? '');
      const name = words[1]?.toLowerCase() === 'as' ? words[2] : undefined;
      stages.push({ image, name, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: upper, args });
    }
  }
  return stages;
}

function stageFor(stages: Stage[], target?: string): Stage {
  const stage = target === undefined ? stages.at(-1) : stages.find((s) => s.name === target);
  if (!stage) throw new Error(`no stage ${target ?? '(last)'}`);
  return stage;
}

/** Every instruction that applies to a stage, its parent stages' included (FROM <stage>). */
function effectiveInstructions(stages: Stage[], stage: Stage): Instruction[] {
  const parent = stages.find((s) => s.name === stage.image);
  return [...(parent ? effectiveInstructions(stages, parent) : []), ...stage.instructions];
}

const lastOf = (instructions: Instruction[], keyword: string) =>
  instructions.filter((instruction) => instruction.keyword === keyword).at(-1)?.args;

/** Exec form (JSON array) or shell form, as an argv. */
function commandWords(args: string | undefined): string[] {
  if (args === undefined) return [];
  if (args.trim().startsWith('[')) return JSON.parse(args) as string[];
  return args.split(/\s+/);
}

const REPO_FILE = /^[\w.-]+(?:\/[\w.-]+)+\.(?:ts|tsx|mts|js|mjs|cjs|sh)$/;

/** `COPY [--from=x] [--chown=y] src... dest` (shell or JSON form). */
function copyArgs(args: string): { from?: string; sources: string[]; dest: string } {
  const words = args.split(/\s+/);
  const flags = words.filter((word) => word.startsWith('--'));
  const rest = words.filter((word) => !word.startsWith('--')).join(' ');
  const paths = rest.startsWith('[') ? (JSON.parse(rest) as string[]) : rest.split(/\s+/);
  const from = flags.find((flag) => flag.startsWith('--from='))?.slice('--from='.length);
  return { from, sources: paths.slice(0, -1), dest: paths.at(-1) ?? '' };
}

// ---------------------------------------------------------------------------------------------
// .dockerignore (Docker's rules: patterns relative to the context, `**` across directories,
// a matched directory excludes its content, `!` re-includes, the last matching line wins)

function dockerignoreRules(): { negate: boolean; pattern: RegExp }[] {
  return readRepo('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const glob = path.posix.normalize((negate ? line.slice(1) : line).replace(/^\/+/, ''));
      let source = '';
      for (let i = 0; i < glob.length; i++) {
        const char = glob[i] as string;
        if (glob.startsWith('**/', i)) {
          source += '(?:.*/)?';
          i += 2;
        } else if (glob.startsWith('**', i)) {
          source += '.*';
          i += 1;
        } else if (char === '*') source += '[^/]*';
        else if (char === '?') source += '[^/]';
        else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      }
      return { negate, pattern: new RegExp(`^${source}$`) };
    });
}

function isDockerIgnored(relative: string): boolean {
  const segments = path.posix.normalize(relative).split('/');
  const candidates = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of dockerignoreRules()) {
    if (candidates.some((candidate) => rule.pattern.test(candidate))) ignored = !rule.negate;
  }
  return ignored;
}

// ---------------------------------------------------------------------------------------------
// nginx (enough of it for this file: blocks, directives, quoted strings, comments)

interface NginxDirective {
  name: string;
  args: string[];
  block?: NginxDirective[];
}

function parseNginx(source: string): NginxDirective[] {
  const tokens: string[] = [];
  const tokenizer = /#[^\n]*|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([{};])|([^\s{};"'#]+)/g;
  for (const match of source.matchAll(tokenizer)) {
    if (match[0].startsWith('#')) continue;
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  }
  let position = 0;
  const block = (): NginxDirective[] => {
    const directives: NginxDirective[] = [];
    while (position < tokens.length && tokens[position] !== '}') {
      const words: string[] = [];
      while (position < tokens.length && !['{', ';', '}'].includes(tokens[position] as string)) words.push(tokens[position++] as string);
      const terminator = tokens[position++];
      const [name = '', ...args] = words;
      if (terminator === '{') {
        directives.push({ name, args, block: block() });
        if (tokens[position++] !== '}') throw new Error(`unclosed block ${name}`);
      } else if (terminator === ';') {
        directives.push({ name, args });
      } else {
        throw new Error(`directive ${name} is not terminated`);
      }
    }
    return directives;
  };
  return block();
}

const nginx = parseNginx(readRepo('admin-ui/nginx.conf'));
const nginxServer = (() => {
  const servers = nginx.filter((directive) => directive.name === 'server');
  if (servers.length !== 1) throw new Error(`admin-ui/nginx.conf must have one server block, has ${servers.length}`);
  return servers[0]?.block ?? [];
})();
const serverDirective = (name: string) => nginxServer.find((directive) => directive.name === name)?.args;

/** nginx's location choice: exact match, else longest prefix (regex locations unless ^~). */
function locationFor(uri: string): NginxDirective | undefined {
  const locations = nginxServer.filter((directive) => directive.name === 'location');
  const exact = locations.find((l) => l.args[0] === '=' && l.args[1] === uri);
  if (exact) return exact;
  const prefixes = locations
    .filter((l) => l.args.length === 1 || l.args[0] === '^~')
    .filter((l) => uri.startsWith(l.args.at(-1) as string))
    .sort((a, b) => (b.args.at(-1) as string).length - (a.args.at(-1) as string).length);
  const longest = prefixes[0];
  if (longest?.args[0] !== '^~') {
    const regex = locations.find(
      (l) => (l.args[0] === '~' || l.args[0] === '~*') && new RegExp(l.args[1] as string, l.args[0] === '~*' ? 'i' : '').test(uri),
    );
    if (regex) return regex;
  }
  return longest;
}

/** The upstream a location proxies to, `set $var value;` at server level resolved. */
function proxyTarget(location: NginxDirective | undefined): string | undefined {
  const raw = location?.block?.find((directive) => directive.name === 'proxy_pass')?.args[0];
  if (raw === undefined) return undefined;
  return raw.replace(/\$(\w+)/g, (match, name: string) => {
    const set = nginxServer.find((directive) => directive.name === 'set' && directive.args[0] === `$${name}`);
    return set?.args[1] ?? match;
  });
}

// ---------------------------------------------------------------------------------------------

const compose = loadCompose('docker-compose.yml');
const services = compose.services;
const APP_SERVICES = ['api', 'worker', 'migrate'] as const;
const EXPECTED_SERVICES = ['postgres', 'temporal-schema', 'temporal', 'temporal-namespace', 'temporal-ui', 'migrate', 'api', 'worker', 'console'];

const DOCKERFILES = {
  api: 'api/Dockerfile',
  worker: 'workers/Dockerfile',
  console: 'admin-ui/Dockerfile',
} as const;

describe('docker-compose.yml', () => {
  it('describes the whole production topology', () => {
    expect(Object.keys(services).sort()).toEqual([...EXPECTED_SERVICES].sort());
  });

  it('gives every service an image or a build context whose folder and Dockerfile exist', () => {
    for (const [name, service] of Object.entries(services)) {
      const build = buildOf(service);
      expect(service.image !== undefined || build !== undefined, `${name} has neither image nor build`).toBe(true);
      if (!build) continue;
      expect(statSync(repoPath(build.context)).isDirectory(), `${name}: build context ${build.context}`).toBe(true);
      expect(existsSync(repoPath(build.dockerfile)), `${name}: ${build.dockerfile} exists`).toBe(true);
      if (build.target !== undefined) {
        const stageNames = parseDockerfile(build.dockerfile).map((stage) => stage.name);
        expect(stageNames, `${name}: target ${build.target} in ${build.dockerfile}`).toContain(build.target);
      }
    }
  });

  it('builds the API, the worker and the console from their Dockerfiles', () => {
    expect(buildOf(services.api as ComposeService)?.dockerfile).toBe(DOCKERFILES.api);
    expect(buildOf(services.migrate as ComposeService)?.dockerfile).toBe(DOCKERFILES.api);
    expect(buildOf(services.migrate as ComposeService)?.target).toBe('migrate');
    expect(buildOf(services.worker as ComposeService)?.dockerfile).toBe(DOCKERFILES.worker);
    expect(buildOf(services.console as ComposeService)?.dockerfile).toBe(DOCKERFILES.console);
    // a registry name on a built service would let `docker compose pull` replace the local build
    for (const name of ['api', 'migrate', 'worker', 'console']) expect(services[name]?.image, name).toBeUndefined();
  });

  it.each(APP_SERVICES)('sets only variables of core/config.ts on %s, with values loadConfig accepts', (name) => {
    const environment = resolvedEnvironment(services[name]);
    expect(Object.keys(environment).length).toBeGreaterThan(0);
    for (const key of Object.keys(environment)) expect(settingNames, `${name}: ${key}`).toContain(key);
    expect(() => loadConfig(environment)).not.toThrow();
  });

  it('points the API, the worker and the migration at the same database, on the postgres service', () => {
    const urls = APP_SERVICES.map((name) => resolvedEnvironment(services[name]).DATABASE_URL);
    expect(new Set(urls).size).toBe(1);
    const url = new URL(urls[0] as string);
    const postgres = environmentOf(services.postgres);
    expect(url.hostname).toBe('postgres');
    expect(url.port || '5432').toBe('5432');
    expect(url.pathname).toBe(`/${postgres.POSTGRES_DB}`);
    expect(decodeURIComponent(url.username)).toBe(postgres.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(interpolate(postgres.POSTGRES_PASSWORD ?? '', OPERATOR_ENV));
    expect(url.password).not.toBe('');
  });

  it('points the API and the worker at the Temporal frontend service and one namespace', () => {
    const [, defaultPort] = splitHostPort(settings.TEMPORAL_ADDRESS.default);
    const namespaces = new Set<string>();
    for (const name of ['api', 'worker'] as const) {
      const environment = resolvedEnvironment(services[name]);
      const [host, port] = splitHostPort(environment.TEMPORAL_ADDRESS as string);
      expect(host).toBe('temporal');
      expect(port).toBe(defaultPort);
      namespaces.add(environment.TEMPORAL_NAMESPACE ?? settings.TEMPORAL_NAMESPACE.default);
    }
    namespaces.add(resolvedEnvironment(services['temporal-namespace']).TEMPORAL_NAMESPACE as string);
    namespaces.add(resolvedEnvironment(services['temporal-ui']).TEMPORAL_DEFAULT_NAMESPACE as string);
    expect([...namespaces]).toEqual([settings.TEMPORAL_NAMESPACE.default]);
    expect(resolvedEnvironment(services['temporal-namespace']).TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(resolvedEnvironment(services['temporal-ui']).TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(portsOf(services.temporal).map((mapping) => mapping.target)).toContain(defaultPort);
  });

  it('publishes the API, console and Temporal UI on the default ports of core/config.ts', () => {
    const api = portsOf(services.api);
    expect(api.map((mapping) => mapping.published)).toEqual([defaultPort('API_PORT')]);
    // the container port is the one the API is told to listen on
    const apiPort = resolvedEnvironment(services.api).API_PORT ?? settings.API_PORT.default;
    expect(api[0]?.target).toBe(Number(apiPort));
    expect(resolvedEnvironment(services.api).API_HOST).toBe('0.0.0.0');

    const console = portsOf(services.console);
    expect(console.map((mapping) => mapping.published)).toEqual([defaultPort('CONSOLE_PORT')]);
    expect(console[0]?.target).toBe(Number(serverDirective('listen')?.[0]));

    const ui = portsOf(services['temporal-ui']);
    expect(ui.map((mapping) => mapping.published)).toEqual([defaultPort('TEMPORAL_UI_PORT')]);
    expect(ui[0]?.target).toBe(8080); // temporalio/ui listens on 8080 unless told otherwise
  });

  it('keeps unauthenticated endpoints off public interfaces', () => {
    expect(portsOf(services.postgres)).toEqual([]);
    for (const name of ['temporal', 'temporal-ui']) {
      for (const mapping of portsOf(services[name])) expect(mapping.hostIp, name).toBe('127.0.0.1');
    }
  });

  it('refers only to existing services in depends_on, with valid conditions and no cycle', () => {
    const conditions = ['service_started', 'service_healthy', 'service_completed_successfully'];
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, condition] of Object.entries(dependenciesOf(service))) {
        expect(Object.keys(services), `${name} depends on ${dependency}`).toContain(dependency);
        expect(conditions, `${name} -> ${dependency}`).toContain(condition);
      }
    }
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (name: string, trail: string[]) => {
      if (done.has(name)) return;
      if (visiting.has(name)) throw new Error(`dependency cycle: ${[...trail, name].join(' -> ')}`);
      visiting.add(name);
      for (const dependency of Object.keys(dependenciesOf(services[name]))) visit(dependency, [...trail, name]);
      visiting.delete(name);
      done.add(name);
    };
    for (const name of Object.keys(services)) visit(name, []);
  });

  it('starts the API and the worker only after the migration and the namespace job succeeded', () => {
    for (const name of ['api', 'worker']) {
      expect(dependenciesOf(services[name])).toMatchObject({
        migrate: 'service_completed_successfully',
        'temporal-namespace': 'service_completed_successfully',
      });
    }
    expect(dependenciesOf(services.migrate)).toEqual({ postgres: 'service_healthy' });
    expect(dependenciesOf(services.temporal)).toMatchObject({
      postgres: 'service_healthy',
      'temporal-schema': 'service_completed_successfully',
    });
  });

  it('gives a healthcheck to every service waited on with service_healthy', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, condition] of Object.entries(dependenciesOf(service))) {
        if (condition !== 'service_healthy') continue;
        const target = services[dependency] as ComposeService;
        const build = buildOf(target);
        const fromImage =
          build !== undefined &&
          lastOf(effectiveInstructions(parseDockerfile(build.dockerfile), stageFor(parseDockerfile(build.dockerfile), build.target)), 'HEALTHCHECK');
        expect(Boolean(target.healthcheck?.test) || Boolean(fromImage), `${name} waits for ${dependency} to be healthy`).toBe(true);
        expect(target.healthcheck?.disable).not.toBe(true);
      }
    }
  });

  it('never restarts the one-shot jobs that others wait to complete', () => {
    const oneShots = new Set(
      Object.values(services).flatMap((service) =>
        Object.entries(dependenciesOf(service))
          .filter(([, condition]) => condition === 'service_completed_successfully')
          .map(([dependency]) => dependency),
      ),
    );
    expect([...oneShots].sort()).toEqual(['migrate', 'temporal-namespace', 'temporal-schema']);
    for (const name of oneShots) expect(services[name]?.restart ?? 'no', name).toBe('no');
    for (const name of ['postgres', 'temporal', 'temporal-ui', 'api', 'worker', 'console']) {
      expect(services[name]?.restart, name).toBe('unless-stopped');
    }
  });

  it('mounts existing files and declares its named volumes', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
        if (!source) continue;
        if (source.startsWith('.') || source.startsWith('/')) {
          expect(existsSync(path.resolve(ROOT, source)), `${name} mounts ${source}`).toBe(true);
        } else {
          expect(Object.keys(compose.volumes ?? {}), `${name} uses volume ${source}`).toContain(source);
        }
      }
    }
    expect(services.postgres?.volumes?.some((v) => String(v).endsWith(':/var/lib/postgresql/data'))).toBe(true);
  });

  it('runs Temporal server 1.29.1 with admin tools of the same release and UI 2.42.1', () => {
    expect(services.temporal?.image).toBe('temporalio/server:1.29.1');
    expect(services['temporal-ui']?.image).toBe('temporalio/ui:2.42.1');
    for (const job of ['temporal-schema', 'temporal-namespace']) {
      expect(services[job]?.image, job).toMatch(/^temporalio\/admin-tools:1\.29\.1(?:-|$)/);
    }
  });

  it('sets up exactly the databases the Temporal server uses, with the same credentials', () => {
    const schema = environmentOf(services['temporal-schema']);
    const server = environmentOf(services.temporal);
    const postgres = environmentOf(services.postgres);
    expect(server.DB).toBe('postgres12');
    expect([schema.DBNAME, schema.VISIBILITY_DBNAME]).toEqual(['temporal', 'temporal_visibility']);
    expect([server.DBNAME, server.VISIBILITY_DBNAME]).toEqual(['temporal', 'temporal_visibility']);
    expect(schema.SQL_HOST).toBe('postgres');
    expect(server.POSTGRES_SEEDS).toBe('postgres');
    expect(schema.SQL_USER).toBe(postgres.POSTGRES_USER);
    expect(server.POSTGRES_USER).toBe(postgres.POSTGRES_USER);
    expect(schema.SQL_PASSWORD).toBe(postgres.POSTGRES_PASSWORD);
    expect(server.POSTGRES_PWD).toBe(postgres.POSTGRES_PASSWORD);
    // the dynamic config file the server is told to read is the one mounted into it
    const mounted = (services.temporal?.volumes ?? []).map((volume) => String(volume).split(':'));
    const dynamicConfig = mounted.find(([, target]) => target === server.DYNAMIC_CONFIG_FILE_PATH);
    expect(dynamicConfig?.[0]).toBe('./deploy/temporal/dynamicconfig.yaml');
    expect(YAML.parse(readRepo('deploy/temporal/dynamicconfig.yaml'))['limit.maxIDLength']).toEqual([{ value: 255 }]);
  });

  const testClusterConfig = 'scripts/temporal-cluster/dynamicconfig.yaml.tmpl';
  it.runIf(existsSync(repoPath(testClusterConfig)))('enables the Temporal features the integration-test cluster enables', () => {
    const notForProduction = [
      'system.enableNexus', // on by default in 1.29
      'component.nexusoperations.callback.endpoint.template',
      'component.callbacks.allowedAddresses',
      'system.namespaceCacheRefreshInterval',
    ];
    const tested = YAML.parse(readRepo(testClusterConfig).replace(/\{\{\w+\}\}/g, '"placeholder"')) as Record<string, unknown>;
    const production = YAML.parse(readRepo('deploy/temporal/dynamicconfig.yaml')) as Record<string, unknown>;
    for (const [key, value] of Object.entries(tested)) {
      if (notForProduction.includes(key)) continue;
      expect(production[key], key).toEqual(value);
    }
  });

  it('runs one-shot Temporal jobs from scripts that exist and parse', () => {
    for (const job of ['temporal-schema', 'temporal-namespace']) {
      const service = services[job] as ComposeService;
      const entrypoint = Array.isArray(service.entrypoint) ? service.entrypoint : String(service.entrypoint).split(/\s+/);
      const script = entrypoint.find((word) => word.endsWith('.sh')) as string;
      const mount = (service.volumes ?? []).map((volume) => String(volume).split(':')).find(([, target]) => target === script);
      expect(mount, `${job} mounts ${script}`).toBeDefined();
      const hostFile = path.resolve(ROOT, mount?.[0] as string);
      expect(existsSync(hostFile)).toBe(true);
      execFileSync('bash', ['-n', hostFile]);
    }
  });

  it('reads the database names in the schema script from the job environment', () => {
    const script = readRepo('deploy/temporal/setup-schema.sh');
    expect(script).toMatch(/prepare "\$DBNAME" temporal\b/);
    expect(script).toMatch(/prepare "\$VISIBILITY_DBNAME" visibility\b/);
  });
});

describe('deploy/compose.external.yml', () => {
  const external = loadCompose('deploy/compose.external.yml');

  it('only overrides services of the main file', () => {
    for (const name of Object.keys(external.services)) expect(Object.keys(services)).toContain(name);
  });

  it('sets only variables of core/config.ts on the processes', () => {
    for (const name of APP_SERVICES) {
      for (const key of Object.keys(environmentOf(external.services[name]))) expect(settingNames, `${name}: ${key}`).toContain(key);
    }
    for (const name of ['api', 'worker']) {
      expect(Object.keys(environmentOf(external.services[name])).sort()).toEqual(['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE']);
    }
  });

  it('leaves the processes depending only on services that still start', () => {
    const bundled = Object.entries(external.services)
      .filter(([, service]) => service.profiles?.includes('bundled'))
      .map(([name]) => name);
    expect(bundled.sort()).toEqual(['postgres', 'temporal', 'temporal-namespace', 'temporal-schema', 'temporal-ui']);
    for (const name of ['migrate', 'api', 'worker']) {
      const dependencies = Object.keys(dependenciesOf(external.services[name]));
      for (const dependency of dependencies) expect(bundled, `${name} -> ${dependency}`).not.toContain(dependency);
    }
  });
});

describe('admin-ui/nginx.conf', () => {
  const apiAddress = `http://api:${resolvedEnvironment(services.api).API_PORT ?? settings.API_PORT.default}`;

  it.each([
    ['/admin/v1', '/admin/v1/session'],
    ['/admin/v1', '/admin/v1/sellers?limit=10'],
    ['/v1', '/v1/listings'],
    ['/healthz', '/healthz'],
    ['/docs', '/docs'],
    ['/docs', '/docs/json'],
    ['/docs', '/docs/static/swagger-ui.css'],
  ])('proxies %s (%s) to the api service', (_, uri) => {
    const target = proxyTarget(locationFor(uri.split('?')[0] as string));
    expect(target).toBeDefined();
    // no URI part after host:port, so nginx forwards the request path unchanged
    expect(target).toBe(apiAddress);
    expect(Object.keys(services)).toContain(new URL(target as string).hostname);
  });

  it.each(['/', '/index.html', '/assets/index-3f9a1c.js', '/moderation/queue'])('serves %s from the static build, not the API', (uri) => {
    const location = locationFor(uri);
    expect(location).toBeDefined();
    expect(proxyTarget(location)).toBeUndefined();
  });

  it('falls back to index.html for client-side routes', () => {
    const tryFiles = locationFor('/moderation/queue')?.block?.find((directive) => directive.name === 'try_files')?.args;
    expect(tryFiles?.at(-1)).toBe('/index.html');
  });

  it('serves the directory the console image copies the build into', () => {
    const stages = parseDockerfile(DOCKERFILES.console);
    const copies = effectiveInstructions(stages, stageFor(stages))
      .filter((instruction) => instruction.keyword === 'COPY')
      .map((instruction) => copyArgs(instruction.args));
    const dist = copies.find((copy) => copy.from !== undefined && copy.sources.some((source) => source.endsWith('admin-ui/dist')));
    expect(dist?.dest.replace(/\/$/, '')).toBe(serverDirective('root')?.[0]);
    const config = copies.find((copy) => copy.sources.includes('admin-ui/nginx.conf'));
    expect(config?.dest).toMatch(/^\/etc\/nginx\/conf\.d\/.+\.conf$/);
  });
});

describe('Dockerfiles', () => {
  const images = [
    { service: 'api', file: DOCKERFILES.api, target: 'runtime', entry: 'api/server.ts' },
    { service: 'migrate', file: DOCKERFILES.api, target: 'migrate', entry: 'prisma/prisma.config.ts' },
    { service: 'worker', file: DOCKERFILES.worker, target: undefined, entry: 'workers/main.ts' },
  ];

  it.each(Object.values(DOCKERFILES))('%s is multi-stage on node:20-bookworm-slim, installs with npm ci and generates the Prisma client', (file) => {
    const stages = parseDockerfile(file);
    expect(stages.length).toBeGreaterThan(1);
    const nodeStages = stages.filter((stage) => stage.image.startsWith('node:'));
    expect(nodeStages.length).toBeGreaterThan(0);
    for (const stage of nodeStages) expect(stage.image).toBe('node:20-bookworm-slim');
    const runs = stages.flatMap((stage) => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args));
    expect(runs.some((run) => /\bnpm ci\b/.test(run))).toBe(true);
    expect(runs.some((run) => /\bnpm install\b/.test(run))).toBe(false);
    const generate = runs.find((run) => run.includes('prisma generate'));
    expect(generate).toContain('--config prisma/prisma.config.ts');
    const url = /DATABASE_URL=(\S+)/.exec(generate ?? '')?.[1];
    expect(url, 'DATABASE_URL set for prisma generate').toBeDefined();
    expect(() => settings.DATABASE_URL.parse(url as string)).not.toThrow();
  });

  it.each(Object.values(DOCKERFILES))('%s copies from the build context only files that exist and are not docker-ignored', (file) => {
    for (const stage of parseDockerfile(file)) {
      for (const instruction of stage.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')) {
        const copy = copyArgs(instruction.args);
        if (copy.from !== undefined) continue;
        for (const source of copy.sources) {
          expect(existsSync(repoPath(source)), `${file}: COPY ${source}`).toBe(true);
          if (source !== '.') expect(isDockerIgnored(source), `${file}: ${source} is docker-ignored`).toBe(false);
        }
      }
    }
  });

  it.each(Object.entries(DOCKERFILES))('the %s image runs as a non-root user', (_, file) => {
    const stages = parseDockerfile(file);
    const user = lastOf(effectiveInstructions(stages, stageFor(stages)), 'USER');
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
  });

  it.each(images)('the $service image starts from $entry, a file in the repository that is shipped in the image', ({ file, target, entry }) => {
    const stages = parseDockerfile(file);
    const instructions = effectiveInstructions(stages, stageFor(stages, target));
    expect(lastOf(instructions, 'USER')).toBeDefined();
    expect(lastOf(instructions, 'USER')).not.toBe('root');
    const argv = [...commandWords(lastOf(instructions, 'ENTRYPOINT')), ...commandWords(lastOf(instructions, 'CMD'))];
    const files = argv.filter((word) => REPO_FILE.test(word));
    expect(files).toContain(entry);
    for (const referenced of files) {
      expect(existsSync(repoPath(referenced)), `${file} (${target ?? 'last stage'}) runs ${referenced}`).toBe(true);
      expect(isDockerIgnored(referenced), `${referenced} is docker-ignored`).toBe(false);
    }
  });

  it('runs the API through an init process and checks /healthz', () => {
    const stages = parseDockerfile(DOCKERFILES.api);
    const instructions = effectiveInstructions(stages, stageFor(stages, 'runtime'));
    expect(commandWords(lastOf(instructions, 'ENTRYPOINT'))[0]).toMatch(/tini$/);
    expect(lastOf(instructions, 'HEALTHCHECK')).toMatch(/\/healthz/);
    expect(lastOf(instructions, 'EXPOSE')).toBe(settings.API_PORT.default);
  });

  it('builds the console with its Vite config and checks nginx is serving', () => {
    const stages = parseDockerfile(DOCKERFILES.console);
    const runs = stages.flatMap((stage) => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args));
    const build = runs.find((run) => run.includes('vite build'));
    const config = /--config\s+(\S+)/.exec(build ?? '')?.[1];
    expect(config).toBe('admin-ui/vite.config.ts');
    expect(existsSync(repoPath(config as string)), 'admin-ui/vite.config.ts exists').toBe(true);
    const health = lastOf(effectiveInstructions(stages, stageFor(stages)), 'HEALTHCHECK');
    expect(health).toContain(`:${serverDirective('listen')?.[0]}/`);
  });
});

describe('.dockerignore', () => {
  it.each(['node_modules', 'node_modules/fastify/package.json', 'api/node_modules/x', '.git/HEAD', '.env', '.env.production', 'prisma/generated/client.ts', 'admin-ui/dist/index.html', '.data/temporal.db'])(
    'keeps %s out of the build context',
    (file) => expect(isDockerIgnored(file)).toBe(true),
  );

  it.each(['package.json', 'package-lock.json', 'tsconfig.json', 'api/server.ts', 'workers/main.ts', 'core/config.ts', 'prisma/schema.prisma', 'prisma/prisma.config.ts', 'prisma/migrationAdapter.ts', 'admin-ui/nginx.conf', 'admin-ui/vite.config.ts', 'admin-ui/src/App.tsx', 'workflows/index.ts'])(
    'sends %s to the build',
    (file) => expect(isDockerIgnored(file)).toBe(false),
  );

  it('sends every migration to the build', () => {
    const migrations = readdirSync(repoPath('prisma/migrations'));
    expect(migrations.length).toBeGreaterThan(0);
    for (const migration of migrations) expect(isDockerIgnored(`prisma/migrations/${migration}/migration.sql`)).toBe(false);
  });
});

describe('runtime images', () => {
  const manifest = JSON.parse(readRepo('package.json')) as { dependencies: Env; devDependencies: Env };

  /** Packages reached by value imports from the given files, following relative imports. */
  function runtimeImports(roots: string[]): { packages: Map<string, string>; unresolved: string[] } {
    const packages = new Map<string, string>();
    const unresolved: string[] = [];
    const seen = new Set<string>();
    const resolveRelative = (from: string, specifier: string): string | undefined => {
      const base = path.resolve(path.dirname(from), specifier);
      const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')];
      return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
    };
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      // a file the process loads must be in the image
      if (isDockerIgnored(path.relative(ROOT, file))) unresolved.push(`${path.relative(ROOT, file)} is docker-ignored`);
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const specifiers: string[] = [];
      const walk = (node: ts.Node) => {
        if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
          const clause = node.importClause;
          const bindings = clause?.namedBindings;
          const typeOnly =
            clause?.isTypeOnly === true ||
            (clause !== undefined &&
              clause.name === undefined &&
              bindings !== undefined &&
              ts.isNamedImports(bindings) &&
              bindings.elements.length > 0 &&
              bindings.elements.every((element) => element.isTypeOnly));
          if (!typeOnly) specifiers.push(node.moduleSpecifier.text);
        } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) {
          specifiers.push(node.moduleSpecifier.text);
        } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
          const [argument] = node.arguments;
          if (argument && ts.isStringLiteralLike(argument)) specifiers.push(argument.text);
        }
        ts.forEachChild(node, walk);
      };
      walk(source);
      for (const specifier of specifiers) {
        const relativeFile = path.relative(ROOT, file);
        if (specifier.startsWith('.')) {
          const target = resolveRelative(file, specifier);
          // prisma/generated is produced by `prisma generate` in the image; it needs @prisma/client
          if (path.relative(ROOT, path.resolve(path.dirname(file), specifier)).startsWith(`prisma${path.sep}generated`)) {
            packages.set('@prisma/client', relativeFile);
          } else if (target === undefined) {
            unresolved.push(`${relativeFile}: ${specifier}`);
          } else if (/\.(ts|tsx|mts)$/.test(target)) {
            visit(target);
          }
          continue;
        }
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] as string);
        if (specifier.startsWith('node:') || builtinModules.includes(name)) continue;
        if (!packages.has(name)) packages.set(name, relativeFile);
      }
    };
    for (const root of roots) visit(repoPath(root));
    return { packages, unresolved };
  }

  const workflowFiles = (): string[] => {
    if (!existsSync(repoPath('workflows'))) return [];
    return (readdirSync(repoPath('workflows'), { recursive: true }) as string[])
      .map((entry) => path.join('workflows', entry))
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file));
  };

  it.each([
    ['api', ['api/server.ts']],
    ['worker', ['workers/main.ts']],
  ])('the %s image has every package its code imports (installed with --omit=dev)', (name, entries) => {
    const roots = name === 'worker' ? [...entries, ...workflowFiles()] : entries;
    for (const root of roots) expect(existsSync(repoPath(root)), `${root} exists`).toBe(true);
    const { packages, unresolved } = runtimeImports(roots);
    expect(unresolved).toEqual([]);
    const missing = [...packages]
      .filter(([pkg]) => manifest.dependencies[pkg] === undefined)
      .map(([pkg, importer]) => `${pkg} (imported by ${importer}${manifest.devDependencies[pkg] ? ', a devDependency' : ''})`);
    expect(missing).toEqual([]);
    expect(packages.size, 'the entry points import packages').toBeGreaterThan(0);
  });

  it('can start the processes with `node --import tsx`: tsx is a production dependency', () => {
    expect(manifest.dependencies.tsx).toBeDefined();
  });
});
