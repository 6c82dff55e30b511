import { describe, expect, it } from 'vitest';
import type { RegistryRecord } from '../../registry/registryRecord.ts';
import { businessRegistryDetector, type BusinessRegistryInput, type DeclaredBusiness } from './index.ts';

const declared: DeclaredBusiness = { businessName: 'Northgate Electronics', registrationNumber: '08765432', country: 'gb' };
const record: RegistryRecord = {
  legalName: 'Northgate Electronics Ltd',
  registrationNumber: '08765432',
  country: 'GB',
  companyStatus: 'active',
  incorporatedOn: '2013-11-21',
};
const found = (changes: Partial<RegistryRecord> = {}): BusinessRegistryInput['lookup'] => ({ status: 'found', record: { ...record, ...changes } });
const detect = (input: Partial<BusinessRegistryInput>) => businessRegistryDetector.detect({ declared, lookup: found(), ...input });

describe('businessRegistryDetector', () => {
  it('describes itself', () => {
    expect(businessRegistryDetector).toMatchObject({ id: 'business-registry', version: '1', thresholds: { nameSimilarityMin: 0.85 } });
    expect(businessRegistryDetector.description).not.toBe('');
  });

  it('verifies an active company under the declared name, legal form aside', () => {
    const [signal, ...rest] = detect({});
    expect(rest).toEqual([]);
    expect(signal).toMatchObject({
      code: 'registry.verified',
      severity: 'info',
      score: 1,
      evidence: { similarity: 1, nameSimilarityMin: 0.85 },
      detector: { id: 'business-registry', version: '1' },
    });
  });

  it('flags a registration number that is not in the registry', () => {
    expect(detect({ lookup: { status: 'not_found' } })).toEqual([
      expect.objectContaining({ code: 'registry.not_found', severity: 'high', evidence: { country: 'GB' } }),
    ]);
  });

  it.each(['dissolved', 'suspended'] as const)('flags a %s company, with its status as evidence', (companyStatus) => {
    const signals = detect({ lookup: found({ companyStatus }) });
    expect(signals).toEqual([expect.objectContaining({ code: 'registry.inactive', severity: 'high', evidence: { companyStatus } })]);
  });

  it('scores a dissolved company above a suspended one', () => {
    const score = (companyStatus: 'dissolved' | 'suspended') => detect({ lookup: found({ companyStatus }) })[0]?.score ?? 0;
    expect(score('dissolved')).toBeGreaterThan(score('suspended'));
  });

  it('does not verify a company whose status the registry does not publish', () => {
    const codes = detect({ lookup: found({ companyStatus: 'unknown' }) }).map((signal) => signal.code);
    expect(codes).toEqual(['registry.status_unknown']);
  });

  it('flags a borrowed number: evidence is the similarity and the legal name, never the declared name', () => {
    const [signal, ...rest] = detect({ declared: { ...declared, businessName: 'Apple Premium Store' } });
    expect(rest).toEqual([]);
    expect(signal).toMatchObject({ code: 'registry.name_mismatch', severity: 'medium' });
    expect(Object.keys(signal?.evidence ?? {}).sort()).toEqual(['nameSimilarityMin', 'registryLegalName', 'similarity']);
    expect(signal?.evidence.registryLegalName).toBe('Northgate Electronics Ltd');
    expect(signal?.evidence.similarity).toBeLessThan(0.5);
    expect(signal?.score).toBeCloseTo(1 - Number(signal?.evidence.similarity), 3);
    expect(JSON.stringify(signal)).not.toContain('Apple');
  });

  it('reports both an inactive status and a name mismatch', () => {
    const codes = detect({ declared: { ...declared, businessName: 'Sunrise Gadgets' }, lookup: found({ companyStatus: 'dissolved' }) }).map(
      (signal) => signal.code,
    );
    expect(codes).toEqual(['registry.inactive', 'registry.name_mismatch']);
  });

  it('does not accept a bare prefix of the legal name as the same name', () => {
    expect(detect({ declared: { ...declared, businessName: 'Northgate' } }).map((signal) => signal.code)).toEqual(['registry.name_mismatch']);
  });

  it('applies the thresholds it is given', () => {
    const input = { declared: { ...declared, businessName: 'Northgate' }, lookup: found() };
    expect(businessRegistryDetector.detect(input, { nameSimilarityMin: 0.5 }).map((signal) => signal.code)).toEqual(['registry.verified']);
  });

  it('escalates when the registry could not answer, never verifying', () => {
    expect(detect({ lookup: { status: 'unavailable', reason: 'timeout' } })).toEqual([
      expect.objectContaining({ code: 'registry.unavailable', severity: 'medium', evidence: { reason: 'timeout' } }),
    ]);
  });

  it('treats a record about another company as no answer', () => {
    for (const lookup of [found({ registrationNumber: '08765433' }), found({ country: 'IE' })]) {
      expect(detect({ lookup })).toEqual([
        expect.objectContaining({ code: 'registry.unavailable', evidence: { reason: 'malformed_response' } }),
      ]);
    }
  });

  it('is deterministic and keeps scores in 0..1', () => {
    const input = { declared: { ...declared, businessName: 'Nortgate Electronic' }, lookup: found() };
    const first = businessRegistryDetector.detect(input);
    expect(businessRegistryDetector.detect(input)).toEqual(first);
    for (const signal of first) expect(signal.score).toBeGreaterThanOrEqual(0);
    for (const signal of first) expect(signal.score).toBeLessThanOrEqual(1);
  });
});
