/**
 * A business registry backed by fixtures/seller-vetting/registry/companies.json: synthetic
 * companies (active, dissolved, suspended, unknown status) and simulated outages, so development
 * and evaluation exercise every branch of the vetting without a KYB contract or network access.
 */
import { readFile } from 'node:fs/promises';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import {
  checkRegistryQuery,
  RegistryUnavailableError,
  type BusinessRegistryProvider,
  type RegistryLookup,
  type RegistryQuery,
} from './provider.ts';
import { normaliseRegistrationNumber, registryRecordSchema, type RegistryRecord } from './registryRecord.ts';

const outageReasonSchema = Type.Union(
  (['timeout', 'http_5xx', 'http_4xx', 'malformed_response', 'redirect', 'blocked_address', 'network'] as const).map((reason) =>
    Type.Literal(reason),
  ),
);

export const registryFixtureSchema = Type.Object({
  description: Type.Optional(Type.String()),
  companies: Type.Array(registryRecordSchema),
  /** lookups of these numbers fail as if the provider were down, to exercise `registry.unavailable` */
  outages: Type.Array(
    Type.Object(
      { country: Type.String({ pattern: '^[A-Z]{2}$' }), registrationNumber: Type.String({ minLength: 1 }), reason: outageReasonSchema },
      { additionalProperties: false },
    ),
  ),
}, { additionalProperties: false });
export type RegistryFixture = Static<typeof registryFixtureSchema>;

export const defaultRegistryFixturePath = new URL('../../fixtures/seller-vetting/registry/companies.json', import.meta.url);

const keyOf = (country: string, registrationNumber: string) => `${country}:${normaliseRegistrationNumber(registrationNumber)}`;

export class FixtureRegistryProvider implements BusinessRegistryProvider {
  private readonly companies = new Map<string, RegistryRecord>();
  private readonly outages = new Map<string, RegistryFixture['outages'][number]['reason']>();

  constructor(fixture: RegistryFixture) {
    for (const company of fixture.companies) this.companies.set(keyOf(company.country, company.registrationNumber), company);
    for (const outage of fixture.outages) this.outages.set(keyOf(outage.country, outage.registrationNumber), outage.reason);
  }

  /** Loads and validates the fixture file; a malformed file fails loudly at startup, not mid-vetting. */
  static async fromFile(path: string | URL = defaultRegistryFixturePath): Promise<FixtureRegistryProvider> {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (!Value.Check(registryFixtureSchema, parsed)) {
      const first = Value.Errors(registryFixtureSchema, parsed).First();
      throw new Error(`registry fixture ${String(path)} is invalid at ${first?.path ?? '/'}: ${first?.message ?? 'unknown error'}`);
    }
    return new FixtureRegistryProvider(parsed);
  }

  async lookup(query: RegistryQuery): Promise<RegistryLookup> {
    const { country, registrationNumber } = checkRegistryQuery(query);
    const key = keyOf(country, registrationNumber);
    const outage = this.outages.get(key);
    if (outage) throw new RegistryUnavailableError(outage);
    const record = this.companies.get(key);
    // A copy, so a caller mutating the result cannot change the fixture for the next lookup.
    return record ? { status: 'found', record: { ...record } } : { status: 'not_found' };
  }
}
