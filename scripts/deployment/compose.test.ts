/**
 * Static checks of docker-compose.yml and deploy/compose.external.yml: the services, their
 * environment against the configuration table in core/config.ts, ports, dependencies, restarts
 * and mounts. The Temporal services have their own file, temporal.test.ts.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, settings } from '../../core/config.ts';
import {
  APP_SERVICES,
  buildOf,
  compose,
  dependenciesOf,
  environmentOf,
  interpolate,
  loadCompose,
  OPERATOR_ENV,
  portsOf,
  resolvedEnvironment,
  services,
  splitHostPort,
  type ComposeService,
} from './compose.ts';
import { DOCKERFILES, effectiveInstructions, lastOf, parseDockerfile, stageFor } from './dockerfile.ts';
import { serverDirective } from './nginx.ts';
import { ROOT, repoPath, settingNames } from './repo.ts';

const defaultPort = (name: 'API_PORT' | 'CONSOLE_PORT' | 'TEMPORAL_UI_PORT') => Number(settings[name].default);
const EXPECTED_SERVICES = ['postgres', 'temporal-schema', 'temporal', 'temporal-namespace', 'temporal-ui', 'migrate', 'api', 'worker', 'worker-documents', 'worker-bulk', 'console'];
const WORKERS = ['worker', 'worker-documents', 'worker-bulk'];

describe('docker-compose.yml', () => {
  it('describes the whole production topology', () => {
    expect(Object.keys(services).sort()).toEqual([...EXPECTED_SERVICES].sort());
  });

  it('runs the light, the heavy (OCR) and the bulk task queues in separate worker services', () => {
    const queues = (name: string) => loadConfig(resolvedEnvironment(services[name])).WORKER_TASK_QUEUES;
    expect(queues('worker')).toEqual(['main']);
    expect(queues('worker-documents')).toEqual(['documents']);
    expect(queues('worker-bulk')).toEqual(['bulk']);
    for (const name of ['worker-documents', 'worker-bulk']) {
      expect(resolvedEnvironment(services.api).DATA_ENCRYPTION_KEY, name).toBe(resolvedEnvironment(services[name]).DATA_ENCRYPTION_KEY);
    }
  });

  it('names every task queue alike in the API and every worker, each queue apart from the others', () => {
    const names = ['TEMPORAL_TASK_QUEUE', 'TEMPORAL_DOCUMENTS_TASK_QUEUE', 'TEMPORAL_BULK_TASK_QUEUE'] as const;
    const queuesOf = (name: string) => {
      const config = loadConfig(resolvedEnvironment(services[name]));
      return names.map((setting) => config[setting]);
    };
    for (const name of WORKERS) expect(queuesOf(name), name).toEqual(queuesOf('api'));
    expect(new Set(queuesOf('api')).size).toBe(names.length);
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
    for (const name of ['api', 'migrate', ...WORKERS, 'console']) expect(services[name]?.image, name).toBeUndefined();
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
    for (const name of ['api', ...WORKERS]) {
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
    for (const name of ['api', ...WORKERS]) {
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
    for (const name of ['postgres', 'temporal', 'temporal-ui', 'api', ...WORKERS, 'console']) {
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
    for (const name of ['api', ...WORKERS]) {
      expect(Object.keys(environmentOf(external.services[name])).sort()).toEqual(['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE']);
    }
  });

  it('leaves the processes depending only on services that still start', () => {
    const bundled = Object.entries(external.services)
      .filter(([, service]) => service.profiles?.includes('bundled'))
      .map(([name]) => name);
    expect(bundled.sort()).toEqual(['postgres', 'temporal', 'temporal-namespace', 'temporal-schema', 'temporal-ui']);
    for (const name of ['migrate', 'api', ...WORKERS]) {
      const dependencies = Object.keys(dependenciesOf(external.services[name]));
      for (const dependency of dependencies) expect(bundled, `${name} -> ${dependency}`).not.toContain(dependency);
    }
  });
});
