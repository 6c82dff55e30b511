import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../api/auth/passwords.ts';
import { SESSION_COOKIE } from '../api/auth/sessions.ts';
import { CONSOLE_ORIGIN } from './support/console.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

async function createModerator(overrides: { disabledAt?: Date } = {}) {
  const email = `mod-${uniqueSuffix()}@example.test`;
  const password = `pw-${uniqueSuffix()}`;
  await platform.database.prisma.user.create({
    data: { email, displayName: 'Test Moderator', role: 'senior_moderator', passwordHash: await hashPassword(password), ...overrides },
  });
  return { email, password };
}

const login = (email: string, password: string) =>
  platform.app.inject({ method: 'POST', url: '/admin/v1/session', headers: { origin: CONSOLE_ORIGIN }, payload: { email, password } });

function sessionCookie(response: Awaited<ReturnType<typeof login>>): string {
  const cookie = response.cookies.find((entry) => entry.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie set');
  return `${SESSION_COOKIE}=${cookie.value}`;
}

describe('console session', () => {
  it('logs in with the right password, reads the session, logs out', async () => {
    const { email, password } = await createModerator();
    const response = await login(email.toUpperCase(), password);
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ email, role: 'senior_moderator' });
    const cookie = response.cookies.find((entry) => entry.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

    const headers = { cookie: sessionCookie(response), origin: CONSOLE_ORIGIN };
    const me = await platform.app.inject({ method: 'GET', url: '/admin/v1/session', headers });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(email);

    expect((await platform.app.inject({ method: 'DELETE', url: '/admin/v1/session', headers })).statusCode).toBe(204);
    const after = await platform.app.inject({ method: 'GET', url: '/admin/v1/session', headers });
    expect(after.statusCode).toBe(401);
  });

  it('refuses a wrong password, an unknown email and a disabled account alike', async () => {
    const { email, password } = await createModerator();
    const disabled = await createModerator({ disabledAt: new Date() });
    const responses = [await login(email, `${password}x`), await login(`nobody-${uniqueSuffix()}@example.test`, password), await login(disabled.email, disabled.password)];
    for (const response of responses) {
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('invalid-credentials');
      expect(response.cookies).toHaveLength(0);
    }
  });

  it('does not accept a forged or missing cookie, nor an API key, for console routes', async () => {
    const forged = await platform.app.inject({ method: 'GET', url: '/admin/v1/session', headers: { cookie: `${SESSION_COOKIE}=forged` } });
    expect(forged.statusCode).toBe(401);
    const { apiKey } = await platform.createTenant();
    const withKey = await platform.app.inject({ method: 'GET', url: '/admin/v1/session', headers: { authorization: `Bearer ${apiKey}` } });
    expect(withKey.statusCode).toBe(401);
  });

  it('expires sessions', async () => {
    const { email, password } = await createModerator();
    const response = await login(email, password);
    await platform.database.prisma.session.updateMany({
      where: { user: { email } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const me = await platform.app.inject({ method: 'GET', url: '/admin/v1/session', headers: { cookie: sessionCookie(response) } });
    expect(me.statusCode).toBe(401);
  });

  it('slows password guessing: attempts past the per-minute limit get 429 problem+json', async () => {
    const { email } = await createModerator();
    const headers = { 'x-forwarded-for': '203.0.113.7', origin: CONSOLE_ORIGIN };
    const statuses: number[] = [];
    for (let attempt = 0; attempt < platform.config.LOGIN_ATTEMPTS_PER_MINUTE + 2; attempt++) {
      const response = await platform.app.inject({ method: 'POST', url: '/admin/v1/session', payload: { email, password: 'guess' }, headers, remoteAddress: '203.0.113.7' });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) {
        expect(response.json().code).toBe('rate-limited');
        expect(response.headers['retry-after']).toBeDefined();
      }
    }
    expect(statuses.slice(0, platform.config.LOGIN_ATTEMPTS_PER_MINUTE).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(-2)).toEqual([429, 429]);
  });
});
