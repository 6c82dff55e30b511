import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../api/auth/passwords.ts';
import { SESSION_COOKIE } from '../api/auth/sessions.ts';
import { CONSOLE_ORIGIN } from './support/console.ts';
import { startTestPlatform, uniqueSuffix, type TestPlatform } from './support/platform.ts';

// Per-account lockout in seconds rather than minutes, so the tests can wait for it to end.
const FAILURES_BEFORE_LOCKOUT = 3;
// long enough that the refusals a test expects all come within the wait on a loaded machine
// (a failed login verifies an argon2 hash: hundreds of milliseconds each under load)
const LOCKOUT_SECONDS = 6;
const MAX_LOCKOUT_SECONDS = 12;

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({
    worker: false,
    config: { LOGIN_FAILURES_BEFORE_LOCKOUT: String(FAILURES_BEFORE_LOCKOUT), LOGIN_LOCKOUT_SECONDS: String(LOCKOUT_SECONDS), LOGIN_LOCKOUT_MAX_SECONDS: String(MAX_LOCKOUT_SECONDS) },
  });
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

const login = (email: string, password: string, remoteAddress?: string) =>
  platform.app.inject({ method: 'POST', url: '/admin/v1/session', headers: { origin: CONSOLE_ORIGIN }, payload: { email, password }, ...(remoteAddress ? { remoteAddress } : {}) });

/** A client address of its own for each attempt: what a guesser with many addresses looks like. */
let addresses = 0;
const nextAddress = () => `198.51.100.${(addresses++ % 250) + 1}`;

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
    const headers = { 'x-forwarded-for': '203.0.113.7', origin: CONSOLE_ORIGIN };
    const statuses: number[] = [];
    for (let attempt = 0; attempt < platform.config.LOGIN_ATTEMPTS_PER_MINUTE + 2; attempt++) {
      // a new email each time: this is the per-address limit, not the per-account one
      const { email } = await createModerator();
      const response = await platform.app.inject({ method: 'POST', url: '/admin/v1/session', payload: { email, password: 'guess' }, headers, remoteAddress: '203.0.113.7' });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) {
        expect(response.json().code).toBe('rate-limited');
        expect(response.headers['retry-after']).toBeDefined();
      }
    }
    expect(statuses.slice(0, platform.config.LOGIN_ATTEMPTS_PER_MINUTE).filter((status) => status !== 401)).toEqual([]);
    expect(statuses.slice(-2)).toEqual([429, 429]);
  });
});

const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 200));

function expectLockedOut(response: Awaited<ReturnType<typeof login>>) {
  expect(response.statusCode, response.body).toBe(429);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.cookies).toHaveLength(0);
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(MAX_LOCKOUT_SECONDS);
  const { code, title, detail } = response.json();
  expect(code).toBe('rate-limited');
  return { retryAfter, problem: { code, title, detail } };
}

describe('per-account lockout', () => {
  it('after consecutive failures from many addresses, refuses the account with 429, even the right password, until the wait ends', { timeout: 60_000 }, async () => {
    const { email, password } = await createModerator();
    const other = await createModerator();
    for (let attempt = 0; attempt < FAILURES_BEFORE_LOCKOUT; attempt++) expect((await login(email, 'guess', nextAddress())).statusCode).toBe(401);
    let retryAfter = 0;
    for (let attempt = 0; attempt < 20; attempt++) retryAfter = expectLockedOut(await login(email, `guess-${attempt}`, nextAddress())).retryAfter;
    expectLockedOut(await login(email, password, nextAddress()));
    expectLockedOut(await login(email.toUpperCase(), password, nextAddress()));

    // another account, even from the same addresses, is untouched
    expect((await login(other.email, 'guess', '198.51.100.1')).statusCode).toBe(401);
    expect((await login(other.email, other.password, '198.51.100.1')).statusCode).toBe(200);

    await sleep(retryAfter);
    expect((await login(email, password, nextAddress())).statusCode).toBe(200);
    // a successful login starts over: failures are counted from zero again
    for (let attempt = 0; attempt < FAILURES_BEFORE_LOCKOUT; attempt++) expect((await login(email, 'guess', nextAddress())).statusCode).toBe(401);
  });

  it('doubles the wait with each further failure up to the maximum, and treats an unknown email alike', { timeout: 90_000 }, async () => {
    const email = `nobody-${uniqueSuffix()}@example.test`;
    const known = await createModerator();
    for (let attempt = 0; attempt < FAILURES_BEFORE_LOCKOUT; attempt++) {
      expect((await login(email, 'guess', nextAddress())).statusCode).toBe(401);
      expect((await login(known.email, 'guess', nextAddress())).statusCode).toBe(401);
    }
    const first = expectLockedOut(await login(email, 'guess', nextAddress()));
    // the refusal does not tell an account from an unknown email
    expect(expectLockedOut(await login(known.email, 'guess', nextAddress())).problem).toEqual(first.problem);
    expect(first.retryAfter).toBeLessThanOrEqual(LOCKOUT_SECONDS);

    await sleep(first.retryAfter);
    expect((await login(email, 'guess', nextAddress())).statusCode).toBe(401);
    const second = expectLockedOut(await login(email, 'guess', nextAddress()));
    expect(second.retryAfter).toBeGreaterThan(LOCKOUT_SECONDS);

    await sleep(second.retryAfter);
    expect((await login(email, 'guess', nextAddress())).statusCode).toBe(401);
    // 6 × 2 × 2 = 24 seconds, capped at the maximum (expectLockedOut checks it is no more)
    expect(expectLockedOut(await login(email, 'guess', nextAddress())).retryAfter).toBeGreaterThan(LOCKOUT_SECONDS);
  });

  it('audits each failed login, each refusal and the lockout with the address, never the email', { timeout: 30_000 }, async () => {
    const { email } = await createModerator();
    const user = await platform.database.prisma.user.findUniqueOrThrow({ where: { email } });
    const unknown = `nobody-${uniqueSuffix()}@example.test`;
    for (const address of ['198.51.100.201', '198.51.100.202', '198.51.100.203', '198.51.100.204']) {
      await login(email, 'guess', address);
      await login(unknown, 'guess', address);
    }
    const accountOf = (value: string) => platform.protector.keyedHash('console_login', value);
    const entries = await platform.database.prisma.auditEntry.findMany({ where: { action: { startsWith: 'session.login_' }, ipAddress: { startsWith: '198.51.100.20' } }, orderBy: { seq: 'asc' } });
    const about = (account: string) => entries.filter((entry) => (entry.detail as { account?: string }).account === account).map((entry) => [entry.action, entry.objectId, entry.ipAddress, entry.actorType]);
    expect(about(accountOf(email))).toEqual([
      ['session.login_failed', user.id, '198.51.100.201', 'anonymous'],
      ['session.login_failed', user.id, '198.51.100.202', 'anonymous'],
      ['session.login_failed', user.id, '198.51.100.203', 'anonymous'],
      ['session.login_locked', user.id, '198.51.100.203', 'anonymous'],
      ['session.login_refused', null, '198.51.100.204', 'anonymous'],
    ]);
    expect(about(accountOf(unknown)).map(([action, objectId]) => [action, objectId])).toEqual([
      ['session.login_failed', null],
      ['session.login_failed', null],
      ['session.login_failed', null],
      ['session.login_locked', null],
      ['session.login_refused', null],
    ]);
    const written = JSON.stringify(entries, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    expect(written).not.toContain(email);
    expect(written).not.toContain(unknown);
  });
});
