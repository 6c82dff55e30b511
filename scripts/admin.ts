/**
 * `npm run admin -- create-user …`: creates a console user from the command line, which is how the
 * first admin of a fresh production database comes to exist (the console needs an admin to create
 * anyone). The password is read from standard input with --password-stdin, or generated and
 * printed once. The change is audited like one made in the console, with the command as the actor.
 */
import { randomBytes } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { createConsoleUser, MIN_PASSWORD_LENGTH, UnknownMarketplacesError } from '../api/auth/consoleUsers.ts';
import { consoleRoles } from '../api/auth/consoleAccess.ts';
import { loadConfigOrExit } from '../core/config.ts';
import { createDatabase } from '../core/database.ts';
import { loadDotEnv } from '../core/dotenv.ts';
import type { UserRole } from '../prisma/generated/client.ts';

const USAGE = `usage: npm run admin -- create-user --email <email> [--name <display name>] [--role admin|senior_moderator|moderator]
         [--marketplace <slug>]… [--password-stdin]
  An admin works for every marketplace unless --marketplace is given; other roles need at least one.
  Without --password-stdin a password is generated and printed once.`;

class UsageError extends Error {}

async function createUser(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'admin' },
      marketplace: { type: 'string', multiple: true, default: [] },
      'password-stdin': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const role = values.role as UserRole;
  if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email)) throw new UsageError('--email is required (an email address)');
  if (!consoleRoles.includes(role)) throw new UsageError(`--role must be one of ${consoleRoles.join(', ')}`);
  const slugs = values.marketplace;
  if (role !== 'admin' && slugs.length === 0) throw new UsageError('a moderator needs at least one --marketplace <slug>');
  const password = values['password-stdin'] ? (await text(process.stdin)).split('\n')[0]!.trim() : randomBytes(18).toString('base64url');
  if (password.length < MIN_PASSWORD_LENGTH) throw new UsageError(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);

  const config = loadConfigOrExit();
  const database = createDatabase({ url: config.DATABASE_URL, poolSize: 1 });
  try {
    const tenants = await database.prisma.tenant.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
    const unknown = slugs.filter((slug) => !tenants.some((tenant) => tenant.slug === slug));
    if (unknown.length > 0) throw new UsageError(`no marketplace with the slug ${unknown.join(', ')}`);
    const user = await createConsoleUser(
      database.prisma,
      { email: values.email, displayName: values.name ?? values.email, role, password, allMarketplaces: slugs.length === 0, marketplaceIds: tenants.map((tenant) => tenant.id) },
      { actor: { type: 'system', id: null, label: 'npm run admin' } },
    );
    process.stdout.write(`created ${user.role} ${user.email} (${user.allMarketplaces ? 'every marketplace' : slugs.join(', ')})\n`);
    if (!values['password-stdin']) process.stdout.write(`password (shown once): ${password}\n`);
  } catch (error) {
    if (error instanceof UnknownMarketplacesError) throw new UsageError(error.message);
    if ((error as { code?: string }).code === 'P2002') throw new UsageError(`a console user with the email ${values.email} exists`);
    throw error;
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  loadDotEnv();
  const [command, ...args] = process.argv.slice(2);
  if (command !== 'create-user') throw new UsageError(command ? `unknown command ${command}` : 'no command');
  await createUser(args);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
