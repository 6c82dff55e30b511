import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../problem.ts';
import { checkWebhookDestination } from './destination.ts';

const publicOnly = { allowPrivateNetwork: false, resolve: async () => ['93.184.215.14'] };

async function refusal(url: string, options = publicOnly) {
  try {
    await checkWebhookDestination(url, options);
  } catch (error) {
    if (error instanceof ApiProblem) return `${error.status} ${error.code}`;
    throw error;
  }
  return 'accepted';
}

describe('webhook destinations at registration', () => {
  it.each([
    'https://127.0.0.1/', 'https://127.1/', 'https://0x7f000001/', 'https://2130706433/', 'https://0177.0.0.1/',
    'https://[::1]/', 'https://[::ffff:127.0.0.1]/', 'https://[::ffff:7f00:1]/', 'https://10.1.2.3/', 'https://192.168.0.10/',
    'https://172.16.5.4/', 'https://169.254.169.254/latest/meta-data', 'https://[fd00::1]/', 'https://[fe80::1]/', 'https://100.64.0.1/',
    'https://0.0.0.0/', 'https://localhost/', 'https://api.localhost/', 'https://metadata.google.internal/', 'https://printer.local/', 'https://intranet/',
  ])('refuses %s', async (url) => {
    expect(await refusal(url)).toBe('400 webhook-url-refused');
  });

  it.each(['https://256.0.0.1/', 'https://:443/', 'https://hooks.example.test:99999/', 'https:///path'])('refuses %s, which is not a URL', async (url) => {
    expect(await refusal(url)).toBe('400 webhook-url-refused');
  });

  it('refuses credentials and plain http', async () => {
    expect(await refusal('https://user:pass@hooks.example.test/')).toBe('400 webhook-url-refused');
    expect(await refusal('http://hooks.example.test/')).toBe('400 webhook-url-refused');
  });

  it('refuses a name with any private address, accepts public and unresolvable names', async () => {
    expect(await refusal('https://hooks.example.test/', { allowPrivateNetwork: false, resolve: async () => ['93.184.215.14', '10.0.0.5'] })).toBe('400 webhook-url-refused');
    expect(await refusal('https://hooks.example.test/')).toBe('accepted');
    expect(await refusal('https://hooks.example.test/', { allowPrivateNetwork: false, resolve: async () => Promise.reject(new Error('ENOTFOUND')) })).toBe('accepted');
  });

  it('does not name the address a hostname resolved to', async () => {
    const error = await checkWebhookDestination('https://hooks.example.test/', { allowPrivateNetwork: false, resolve: async () => ['10.9.8.7'] }).catch((caught: unknown) => caught);
    expect(JSON.stringify(error)).not.toContain('10.9.8.7');
    expect((error as Error).message).not.toContain('10.9.8.7');
  });

  it('allows loopback and http only when private networks are allowed (development)', async () => {
    expect(await refusal('http://127.0.0.1:3999/', { allowPrivateNetwork: true, resolve: async () => [] })).toBe('accepted');
  });
});
