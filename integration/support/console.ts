/** Console users for tests: a logged-in session's headers, sent as the console would send them. */
import type { UserRole } from '../../prisma/generated/client.ts';
import { hashPassword } from '../../api/auth/passwords.ts';
import { openSession, SESSION_COOKIE } from '../../api/auth/sessions.ts';
import { uniqueSuffix, type TestPlatform } from './platform.ts';

/** An origin the API accepts console changes from (CONSOLE_ORIGINS' default). */
export const CONSOLE_ORIGIN = 'http://127.0.0.1:5173';

let passwordHash: Promise<string> | undefined;

export interface ConsoleUserOptions {
  /** the marketplaces (tenant ids) the user works for; omitted: every marketplace */
  marketplaces?: string[];
}

export async function consoleUser(platform: TestPlatform, role: UserRole = 'moderator', options: ConsoleUserOptions = {}) {
  const email = `mod-${uniqueSuffix()}@example.test`;
  const user = await platform.database.prisma.user.create({
    data: {
      email,
      displayName: `Test ${role} ${email.slice(4, 12)}`,
      role,
      passwordHash: await (passwordHash ??= hashPassword('pw')),
      allMarketplaces: options.marketplaces === undefined,
      memberships: { create: (options.marketplaces ?? []).map((tenantId) => ({ tenantId })) },
    },
  });
  // A session opened directly, as the login route does: tests log many users in and the login
  // route's per-address rate limit is tested on its own.
  const { token } = await openSession(platform.database.prisma, user.id, platform.config.SESSION_TTL_SECONDS);
  return { user, headers: { cookie: `${SESSION_COOKIE}=${token}`, origin: CONSOLE_ORIGIN } };
}

/** A logged-in console user's headers (cookie and the console's Origin). */
export async function moderatorSession(platform: TestPlatform, role: UserRole = 'moderator', options: ConsoleUserOptions = {}) {
  return (await consoleUser(platform, role, options)).headers;
}
