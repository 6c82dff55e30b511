/**
 * Every declaration in fixtures/seller-vetting/registry/declarations.json, looked up in the
 * fixture registry and run through the detector: the fixture data and the detector must agree.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FixtureRegistryProvider } from '../../registry/fixtureRegistryProvider.ts';
import { RegistryUnavailableError } from '../../registry/provider.ts';
import { businessRegistryDetector, type DeclaredBusiness, type RegistryLookupOutcome } from './index.ts';

interface Declaration {
  label: string;
  declared: DeclaredBusiness;
  expectedCodes: string[];
}

const file = new URL('../../../fixtures/seller-vetting/registry/declarations.json', import.meta.url);
const { declarations } = JSON.parse(await readFile(file, 'utf8')) as { declarations: Declaration[] };
const registry = await FixtureRegistryProvider.fromFile();

async function lookUp(declared: DeclaredBusiness): Promise<RegistryLookupOutcome> {
  try {
    return await registry.lookup(declared);
  } catch (error) {
    if (error instanceof RegistryUnavailableError) return { status: 'unavailable', reason: error.reason };
    throw error;
  }
}

describe('business-registry detector on the fixture declarations', () => {
  it('covers every signal the detector can emit', () => {
    const covered = new Set(declarations.flatMap((declaration) => declaration.expectedCodes));
    expect([...covered].sort()).toEqual(
      ['registry.inactive', 'registry.name_mismatch', 'registry.not_found', 'registry.status_unknown', 'registry.unavailable', 'registry.verified'],
    );
  });

  it.each(declarations.map((declaration) => [declaration.label, declaration] as const))('%s', async (_label, declaration) => {
    const signals = businessRegistryDetector.detect({ declared: declaration.declared, lookup: await lookUp(declaration.declared) });
    expect(signals.map((signal) => signal.code).sort()).toEqual([...declaration.expectedCodes].sort());
  });
});
