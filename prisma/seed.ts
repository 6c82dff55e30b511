/**
 * Development data: the marketplaces (tenants) and console users in fixtures/development, a
 * development API key for the first marketplace, written to a git-ignored file so scripts and the
 * README's curl examples can use it. Safe to run again: nothing is duplicated, and the key file
 * stays valid across runs.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { PrismaClient } from '../core/database.ts';
import type { UserRole } from './generated/client.ts';
import { isApiKeyActive, issueApiKey } from '../api/auth/apiKeys.ts';
import { hashPassword, verifyPassword } from '../api/auth/passwords.ts';
import { normaliseIdentifier, type DataProtector } from '../core/dataProtection.ts';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'development');

interface TenantFixture {
  slug: string;
  name: string;
  developmentKey: boolean;
}
interface ModeratorFixture {
  email: string;
  displayName: string;
  role: UserRole;
}

interface BannedSellerFixture {
  tenant: string;
  externalId: string;
  identifiers: Partial<Record<keyof typeof normaliseIdentifier, string>>;
}

/** Banned sellers and their identifiers (as keyed hashes), so linked-account checks have something to find. */
async function seedBannedSellers(prisma: PrismaClient, protector: DataProtector): Promise<void> {
  for (const fixture of await readJson<BannedSellerFixture[]>('banned-sellers.json')) {
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { slug: fixture.tenant } });
    const seller = await prisma.seller.upsert({
      where: { tenantId_externalId: { tenantId: tenant.id, externalId: fixture.externalId } },
      create: { tenantId: tenant.id, externalId: fixture.externalId, status: 'banned', bannedAt: new Date() },
      update: {},
    });
    await prisma.sellerIdentifier.createMany({
      data: Object.entries(fixture.identifiers).map(([kind, value]) => {
        const key = kind as keyof typeof normaliseIdentifier;
        return { tenantId: tenant.id, sellerId: seller.id, kind: key, valueHash: protector.keyedHash(key, normaliseIdentifier[key](value)) };
      }),
      skipDuplicates: true,
    });
  }
}

interface QueueFixture {
  name: string;
  description: string;
  subjectTypes: string[];
  signalCodes: string[];
  roles: UserRole[];
}

/** The console's starting queues; an admin may change them, so existing ones are left alone. */
async function seedQueues(prisma: PrismaClient): Promise<void> {
  for (const fixture of await readJson<QueueFixture[]>('queues.json')) {
    await prisma.caseQueue.upsert({ where: { name: fixture.name }, create: fixture, update: {} });
  }
}

export interface SeedOptions {
  protector: DataProtector;
  dataDir: string;
  moderatorEmail: string;
  moderatorPassword: string;
  log: (line: string) => void;
}

export interface SeedResult {
  apiKeyFile: string;
  apiKey: string;
  apiKeyCreated: boolean;
}

const readJson = async <T>(name: string): Promise<T> => JSON.parse(await readFile(path.join(fixtures, name), 'utf8')) as T;

async function seedModerators(prisma: PrismaClient, options: SeedOptions): Promise<void> {
  const moderators = await readJson<ModeratorFixture[]>('moderators.json');
  for (const fixture of moderators) {
    const email = (fixture.email === '$DEV_MODERATOR_EMAIL' ? options.moderatorEmail : fixture.email).toLowerCase();
    const existing = await prisma.user.findUnique({ where: { email } });
    // Every development user shares the development password; re-hash only when it changed.
    if (existing && (await verifyPassword(existing.passwordHash, options.moderatorPassword))) continue;
    const passwordHash = await hashPassword(options.moderatorPassword);
    await prisma.user.upsert({
      where: { email },
      create: { email, displayName: fixture.displayName, role: fixture.role, passwordHash, allMarketplaces: fixture.role === 'admin' },
      update: { passwordHash },
    });
  }
}

export async function seedDevelopment(prisma: PrismaClient, options: SeedOptions): Promise<SeedResult> {
  const tenants = await readJson<TenantFixture[]>('tenants.json');
  let developmentTenantId: string | undefined;
  for (const fixture of tenants) {
    const tenant = await prisma.tenant.upsert({
      where: { slug: fixture.slug },
      create: { slug: fixture.slug, name: fixture.name },
      update: {},
    });
    if (fixture.developmentKey) developmentTenantId ??= tenant.id;
  }
  if (!developmentTenantId) throw new Error('fixtures/development/tenants.json marks no tenant with developmentKey');
  await seedModerators(prisma, options);
  await seedBannedSellers(prisma, options.protector);
  await seedQueues(prisma);

  const apiKeyFile = path.join(options.dataDir, 'dev-api-key');
  const existingKey = existsSync(apiKeyFile) ? (await readFile(apiKeyFile, 'utf8')).trim() : '';
  if (existingKey && (await isApiKeyActive(prisma, existingKey))) {
    return { apiKeyFile, apiKey: existingKey, apiKeyCreated: false };
  }
  const issued = await issueApiKey(prisma, developmentTenantId, 'development key (created by setup)');
  await mkdir(options.dataDir, { recursive: true });
  await writeFile(apiKeyFile, `${issued.key}\n`, { mode: 0o600 });
  return { apiKeyFile, apiKey: issued.key, apiKeyCreated: true };
}
