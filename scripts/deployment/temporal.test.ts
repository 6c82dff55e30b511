/**
 * Static checks of the Temporal services in docker-compose.yml: images, the databases the schema
 * job prepares for the server, the dynamic config and the one-shot job scripts in deploy/temporal/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { environmentOf, services, type ComposeService } from './compose.ts';
import { readRepo, repoPath, ROOT } from './repo.ts';

describe('docker-compose.yml', () => {
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
