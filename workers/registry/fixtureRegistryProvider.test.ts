import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FixtureRegistryProvider } from './fixtureRegistryProvider.ts';
import { RegistryUnavailableError } from './provider.ts';

const provider = await FixtureRegistryProvider.fromFile();
const lookup = (country: string, registrationNumber: string) =>
  provider.lookup({ country, registrationNumber, businessName: 'declared name is not used for the lookup' });

describe('FixtureRegistryProvider with the committed fixture', () => {
  it('finds an active company', async () => {
    expect(await lookup('GB', '09876543')).toEqual({
      status: 'found',
      record: {
        country: 'GB',
        registrationNumber: '09876543',
        legalName: 'Harbourlight Candles Ltd',
        companyStatus: 'active',
        incorporatedOn: '2016-04-12',
      },
    });
  });

  it('has dissolved, suspended and unknown-status companies', async () => {
    expect(await lookup('GB', '11223344')).toMatchObject({ record: { companyStatus: 'dissolved' } });
    expect(await lookup('FR', '823 456 789')).toMatchObject({ record: { companyStatus: 'suspended' } });
    expect(await lookup('IT', '01234567890')).toMatchObject({ record: { companyStatus: 'unknown' } });
  });

  it('matches registration numbers however they are spaced or punctuated, and any country case', async () => {
    expect(await lookup('de', 'HRB123456')).toMatchObject({ status: 'found', record: { registrationNumber: 'HRB 123456' } });
    expect(await lookup('FR', '812345678')).toMatchObject({ status: 'found' });
    expect(await lookup('SE', '5566778899')).toMatchObject({ status: 'found' });
  });

  it('does not find a number registered in another country', async () => {
    expect(await lookup('IE', '09876543')).toEqual({ status: 'not_found' });
    expect(await lookup('GB', '00000001')).toEqual({ status: 'not_found' });
  });

  it('simulates outages', async () => {
    await expect(lookup('GB', '99999999')).rejects.toMatchObject({ name: 'RegistryUnavailableError', reason: 'timeout', retryable: true });
    await expect(lookup('DE', 'HRB 999999')).rejects.toBeInstanceOf(RegistryUnavailableError);
  });

  it('hands out copies, so a caller cannot alter the fixture', async () => {
    const first = await lookup('GB', '09876543');
    if (first.status === 'found') first.record.companyStatus = 'dissolved';
    expect(await lookup('GB', '09876543')).toMatchObject({ record: { companyStatus: 'active' } });
  });
});

describe('FixtureRegistryProvider.fromFile', () => {
  it('refuses a malformed fixture file, naming the offending field', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'registry-fixture-'));
    const path = join(directory, 'companies.json');
    await writeFile(path, JSON.stringify({ companies: [{ country: 'GB', registrationNumber: '1', legalName: 'X', companyStatus: 'closed' }], outages: [] }));
    await expect(FixtureRegistryProvider.fromFile(path)).rejects.toThrow(/companies\/0\/companyStatus/);
  });
});
