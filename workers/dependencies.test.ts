import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../core/config.ts';
import { refuseFixtureDataInProduction } from './dependencies.ts';

const production = (overrides: Record<string, string> = {}) =>
  loadConfig({ NODE_ENV: 'production', REGISTRY_PROVIDER: 'http', REGISTRY_BASE_URL: 'https://kyb.example.com', WATCHLIST_DIR: '/var/lib/bonafide/watchlists', ...overrides });

describe('refuseFixtureDataInProduction', () => {
  it('refuses the fixture registry and the fixture watchlists in production, naming the setting', () => {
    expect(() => refuseFixtureDataInProduction(production({ REGISTRY_PROVIDER: 'fixture' }))).toThrow(ConfigError);
    expect(() => refuseFixtureDataInProduction(production({ REGISTRY_PROVIDER: 'fixture' }))).toThrow(/^Invalid configuration: REGISTRY_PROVIDER .*ALLOW_FIXTURE_DATA_IN_PRODUCTION/);
    expect(() => refuseFixtureDataInProduction(production({ WATCHLIST_DIR: 'fixtures/seller-vetting/watchlists' }))).toThrow(/^Invalid configuration: WATCHLIST_DIR /);
    // the same folder spelled as an absolute path
    expect(() => refuseFixtureDataInProduction(production({ WATCHLIST_DIR: path.join(import.meta.dirname, '..', 'fixtures/seller-vetting/watchlists/') }))).toThrow(/WATCHLIST_DIR/);
  });

  it('allows real data in production, fixture data when explicitly allowed, and anything outside production', () => {
    expect(() => refuseFixtureDataInProduction(production())).not.toThrow();
    expect(() => refuseFixtureDataInProduction(production({ REGISTRY_PROVIDER: 'fixture', ALLOW_FIXTURE_DATA_IN_PRODUCTION: 'true' }))).not.toThrow();
    expect(() => refuseFixtureDataInProduction(loadConfig({}))).not.toThrow();
  });

  it('stops a production worker at start with one line', { timeout: 30_000 }, async () => {
    const root = path.join(import.meta.dirname, '..');
    const result = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', BONAFIDE_DATA_DIR: '/nonexistent' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(78);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Invalid configuration: REGISTRY_PROVIDER /)]);
  });
});
