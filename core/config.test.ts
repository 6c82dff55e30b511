import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderEnvExample } from '../scripts/envExample.ts';
import { ConfigError, loadConfig, settings } from './config.ts';

describe('loadConfig', () => {
  it('gives every setting its documented default', () => {
    const config = loadConfig({});
    expect(config.API_PORT).toBe(3000);
    expect(config.COOKIE_SECURE).toBe(false);
    expect(config.DATABASE_URL).toBe(settings.DATABASE_URL.default);
    expect(Object.keys(config).sort()).toEqual(Object.keys(settings).sort());
  });

  it('reads trusted proxies as a list of addresses and ranges', () => {
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).TRUST_PROXY).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(loadConfig({}).TRUST_PROXY).toEqual([]);
  });

  it('keeps console origins in the form browsers send them', () => {
    expect(loadConfig({ CONSOLE_ORIGINS: 'https://Console.Example.com/, https://console.example.com:443,http://127.0.0.1:8080' }).CONSOLE_ORIGINS).toEqual([
      'https://console.example.com',
      'https://console.example.com',
      'http://127.0.0.1:8080',
    ]);
  });

  it('polls every task queue by default, and any subset named', () => {
    expect(loadConfig({}).WORKER_TASK_QUEUES).toEqual(['main', 'documents', 'bulk']);
    expect(loadConfig({ WORKER_TASK_QUEUES: ' bulk ' }).WORKER_TASK_QUEUES).toEqual(['bulk']);
  });

  it('parses values from the environment', () => {
    const config = loadConfig({ API_PORT: '8080', COOKIE_SECURE: 'true', LOG_LEVEL: 'debug' });
    expect(config).toMatchObject({ API_PORT: 8080, COOKIE_SECURE: true, LOG_LEVEL: 'debug' });
  });

  it.each([
    ['API_PORT', '70000', 'Invalid configuration: API_PORT must be between 1 and 65535 (got 70000)'],
    ['API_PORT', '3.5', 'Invalid configuration: API_PORT must be an integer (got "3.5")'],
    ['DATABASE_URL', 'mysql://x/y', 'Invalid configuration: DATABASE_URL must use the postgresql: scheme (got "mysql:")'],
    ['DATABASE_URL', 'postgresql://host:5432', 'Invalid configuration: DATABASE_URL must name a database'],
    ['TEMPORAL_ADDRESS', 'localhost', 'Invalid configuration: TEMPORAL_ADDRESS must be host:port (got "localhost")'],
    ['LOG_LEVEL', 'loud', 'Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    ['COOKIE_SECURE', 'maybe', 'Invalid configuration: COOKIE_SECURE must be true or false (got "maybe")'],
    ['TEMPORAL_NAMESPACE', '  ', 'Invalid configuration: TEMPORAL_NAMESPACE must not be empty'],
    ['TRUST_PROXY', '10.0.0.0/33', 'Invalid configuration: TRUST_PROXY must list IP addresses or CIDR ranges (got "10.0.0.0/33")'],
    ['CONSOLE_ORIGINS', 'https://console.example.com/app', 'Invalid configuration: CONSOLE_ORIGINS must list origins (scheme://host[:port], nothing after) such as https://console.example.com (got "https://console.example.com/app")'],
    ['CONSOLE_ORIGINS', 'console.example.com', 'Invalid configuration: CONSOLE_ORIGINS must list origins (scheme://host[:port], nothing after) such as https://console.example.com (got "console.example.com")'],
    ['TRUST_PROXY', 'console-proxy', 'Invalid configuration: TRUST_PROXY must list IP addresses or CIDR ranges (got "console-proxy")'],
    ['WORKER_TASK_QUEUES', 'main,bluk', 'Invalid configuration: WORKER_TASK_QUEUES must list one or more of main, documents, bulk (got "main,bluk")'],
    ['WORKER_TASK_QUEUES', ' , ', 'Invalid configuration: WORKER_TASK_QUEUES must list one or more of main, documents, bulk (got " , ")'],
  ])('refuses %s=%j with one line naming the variable', (name, value, message) => {
    let thrown: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe(name);
    expect((thrown as ConfigError).message).toBe(message);
  });

  it('every default is itself valid', () => {
    for (const [name, spec] of Object.entries(settings)) {
      expect(() => (spec.parse as (raw: string) => unknown)(spec.default), name).not.toThrow();
    }
  });
});

describe('.env.example', () => {
  it('documents exactly the settings table', () => {
    const committed = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    expect(committed).toBe(renderEnvExample());
  });
});
