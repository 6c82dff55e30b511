import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import {
  assertDatabaseName,
  clusterPorts,
  dynamicConfigValues,
  lastLines,
  parsePostgresUrl,
  parseUpArgs,
  renderTemplate,
  serverConfigValues,
  temporalServerCacheDir,
} from './temporalCluster.ts';

const templates = join(import.meta.dirname, 'temporal-cluster');

describe('temporalServerCacheDir', () => {
  it('uses XDG_CACHE_HOME when set, else ~/.cache', () => {
    assert.equal(temporalServerCacheDir({ XDG_CACHE_HOME: '/x' }, '/home/u'), '/x/bonafide/temporal-server-1.29.1');
    assert.equal(temporalServerCacheDir({}, '/home/u'), '/home/u/.cache/bonafide/temporal-server-1.29.1');
    assert.equal(temporalServerCacheDir({ XDG_CACHE_HOME: '' }, '/home/u'), '/home/u/.cache/bonafide/temporal-server-1.29.1');
  });
});

describe('parsePostgresUrl', () => {
  it('fills in defaults', () => {
    assert.deepEqual(parsePostgresUrl('postgresql://postgres@127.0.0.1:5432/postgres'), {
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      password: '',
      database: 'postgres',
    });
    assert.deepEqual(parsePostgresUrl('postgres://localhost'), {
      host: 'localhost',
      port: 5432,
      user: 'postgres',
      password: '',
      database: 'postgres',
    });
  });

  it('decodes credentials and strips IPv6 brackets', () => {
    const target = parsePostgresUrl('postgresql://app%40x:p%3Ass%20w@[::1]:6543/admin%2Ddb');
    assert.equal(target.user, 'app@x');
    assert.equal(target.password, 'p:ss w');
    assert.equal(target.host, '::1');
    assert.equal(target.port, 6543);
    assert.equal(target.database, 'admin-db');
  });

  it('rejects other URLs', () => {
    assert.throws(() => parsePostgresUrl('mysql://x'), /not a PostgreSQL URL/);
    assert.throws(() => parsePostgresUrl('nonsense'), /not a PostgreSQL URL/);
  });
});

describe('clusterPorts', () => {
  it('derives a block of distinct ports', () => {
    const ports = clusterPorts(17233);
    assert.equal(ports.frontend, 17233);
    assert.equal(ports.frontendHttp, 17243);
    assert.equal(ports.workerMembership, 17339);
    assert.equal(new Set(Object.values(ports)).size, Object.keys(ports).length);
  });

  it('rejects ports whose block does not fit', () => {
    assert.throws(() => clusterPorts(80));
    assert.throws(() => clusterPorts(65500));
    assert.throws(() => clusterPorts(17233.5));
  });
});

describe('renderTemplate', () => {
  it('fills placeholders and leaves Go templates alone', () => {
    assert.equal(renderTemplate('a: {{A}} b: {{.Go}} {{A}}', { A: 1 }), 'a: 1 b: {{.Go}} 1');
  });

  it('insists on a value for every placeholder and a placeholder for every value', () => {
    assert.throws(() => renderTemplate('{{A}} {{B}}', { A: 1 }), /\{\{B\}\} has no value/);
    assert.throws(() => renderTemplate('{{A}}', { A: 1, C: 2 }), /no placeholder for: C/);
  });
});

describe('config templates', () => {
  const postgres = parsePostgresUrl('postgresql://postgres:se"cret@127.0.0.1:5432/postgres');
  const ports = clusterPorts(17233);

  it('render completely with the values the script supplies', async () => {
    const server = renderTemplate(
      await readFile(join(templates, 'development.yaml.tmpl'), 'utf8'),
      serverConfigValues({ postgres, mainDatabase: 'bonafide_temporal', visibilityDatabase: 'bonafide_temporal_visibility', ports }),
    );
    assert.match(server, /grpcPort: 17233\n/);
    assert.match(server, /databaseName: "bonafide_temporal_visibility"/);
    assert.match(server, /password: "se\\"cret"/);
    assert.match(server, /rpcAddress: "127\.0\.0\.1:17233"/);
    assert.doesNotMatch(server, /\{\{[A-Z]/);

    const dynamic = renderTemplate(await readFile(join(templates, 'dynamicconfig.yaml.tmpl'), 'utf8'), dynamicConfigValues(ports));
    assert.match(dynamic, /http:\/\/127\.0\.0\.1:17243\/namespaces\/\{\{\.NamespaceName\}\}\/nexus\/callback/);
  });

  it('brackets an IPv6 database host', () => {
    const values = serverConfigValues({
      postgres: parsePostgresUrl('postgresql://postgres@[::1]:5433/postgres'),
      mainDatabase: 'a',
      visibilityDatabase: 'b',
      ports,
    });
    assert.equal(values.DB_ADDRESS, '"[::1]:5433"');
  });
});

describe('assertDatabaseName', () => {
  it('accepts plain identifiers only', () => {
    assert.equal(assertDatabaseName('bonafide_temporal'), 'bonafide_temporal');
    for (const bad of ['', 'Upper', 'a-b', 'x"; drop', '1abc', 'a'.repeat(64)]) assert.throws(() => assertDatabaseName(bad));
  });
});

describe('lastLines', () => {
  it('returns the last non-empty lines', () => {
    assert.deepEqual(lastLines('a\n\nb\r\nc\n', 2), ['b', 'c']);
    assert.deepEqual(lastLines('', 3), []);
  });
});

describe('parseUpArgs', () => {
  it('parses both flag forms', () => {
    assert.deepEqual(parseUpArgs(['--port', '18233', '--work-dir=/tmp/x', '--log-level', 'warn']), {
      port: 18233,
      workDir: '/tmp/x',
      logLevel: 'warn',
    });
  });

  it('rejects unknown or incomplete arguments', () => {
    assert.throws(() => parseUpArgs(['--nope']), /unknown argument/);
    assert.throws(() => parseUpArgs(['--port']), /needs a value/);
    assert.throws(() => parseUpArgs(['--port', 'abc']), /integer/);
  });
});
