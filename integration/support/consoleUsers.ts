/**
 * Console users for tests: a user of a given role (platform-wide, or member of some
 * marketplaces) and a logged-in session cookie for app.inject calls. State-changing console calls
 * need the console's Origin (the guard refuses others): `consoleHeaders` carries one.
 */
import { hashPassword } from '../../api/auth/passwords.ts';
import { SESSION_COOKIE } from '../../api/auth/sessions.ts';
import type { PrismaClient } from '../../core/database.ts';
import type { UserRole } from '../../prisma/generated/client.ts';
import { uniqueSuffix, type TestPlatform } from './platform.ts';

export interface TestConsoleUser {
  id: string;
  email: string;
  password: string;
  role: UserRole;
}

export interface ConsoleUserOptions {
  /** platform-wide (every marketplace); the default for admins */
  allMarketplaces?: boolean;
  marketplaceIds?: string[];
}

let passwordHash: Promise<string> | undefined;
const TEST_PASSWORD = 'test-password-1234';

export async function createTestConsoleUser(prisma: PrismaClient, role: UserRole, options: ConsoleUserOptions = {}): Promise<TestConsoleUser> {
  const email = `${role.replace('_', '-')}-${uniqueSuffix()}@example.test`;
  // argon2 takes a moment: every test user shares one hash of the same password.
  const hash = await (passwordHash ??= hashPassword(TEST_PASSWORD));
  const user = await prisma.user.create({
    data: {
      email,
      displayName: `Test ${role}`,
      role,
      passwordHash: hash,
      allMarketplaces: options.allMarketplaces ?? role === 'admin',
      memberships: { create: (options.marketplaceIds ?? []).map((tenantId) => ({ tenantId })) },
    },
  });
  return { id: user.id, email, password: TEST_PASSWORD, role };
}

/** Logs in through the real route and returns the `cookie` header value. */
export async function loginCookie(platform: TestPlatform, user: { email: string; password: string }): Promise<string> {
  const response = await platform.app.inject({ method: 'POST', url: '/admin/v1/session', payload: { email: user.email, password: user.password }, headers: { origin: consoleOrigin(platform) } });
  const cookie = response.cookies.find((entry) => entry.name === SESSION_COOKIE);
  if (response.statusCode !== 200 || !cookie) throw new Error(`login of ${user.email} failed: ${response.statusCode} ${response.body}`);
  return `${SESSION_COOKIE}=${cookie.value}`;
}

/** The first origin the API accepts console changes from. */
export const consoleOrigin = (platform: TestPlatform): string => platform.config.CONSOLE_ORIGINS[0] ?? 'http://127.0.0.1:5173';

/** Headers of a console call: the session and, for changes, the console's Origin. */
export const consoleHeaders = (platform: TestPlatform, cookie: string): Record<string, string> => ({ cookie, origin: consoleOrigin(platform) });
