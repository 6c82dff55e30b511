import { describe, expect, it } from 'vitest';
import { codeSignals, type CodeBrand } from './index.ts';

const brand: CodeBrand = { key: 'brush-co', name: 'Brush Co', gtins: ['09506000134352'], serialPattern: '[A-Z]{2}\\d{6}', codeRegistry: 'bonafide' };
const codes = (input: Partial<Parameters<typeof codeSignals>[0]>) =>
  codeSignals({ claimedCode: '(01)09506000134352(21)AB000001', brand, registry: 'valid', otherOrders: [], ...input }).map((signal) => signal.code);

describe('what a buyer’s code says', () => {
  it('is verified when the brand’s registry issued it, and says nothing else', () => {
    expect(codes({})).toEqual(['authenticity.code_verified']);
    expect(codes({ claimedCode: 'https://id.gs1.org/01/09506000134352/21/AB000001' })).toEqual(['authenticity.code_verified']);
  });

  it('is hard evidence when revoked, never issued or sent from another order', () => {
    expect(codes({ registry: 'revoked' })).toEqual(['authenticity.code_revoked']);
    expect(codes({ registry: 'unknown' })).toEqual(['authenticity.code_unknown']);
    const cloned = codeSignals({ claimedCode: '(01)09506000134352(21)AB000001', brand, registry: 'valid', otherOrders: [{ checkId: 'c1', orderId: 'o1', createdAt: '2026-12-01T00:00:00Z' }] });
    expect(cloned.map((signal) => [signal.code, signal.severity])).toEqual([['authenticity.code_verified', 'info'], ['authenticity.code_cloned', 'critical']]);
    expect(cloned[1]!.evidence).toMatchObject({ otherOrders: 1, otherChecks: ['c1'] });
  });

  it('asks a moderator about a GTIN that is not the brand’s, a serial off its pattern, a wrong check digit', () => {
    expect(codes({ claimedCode: '(01)04006381333931(21)AB000001', registry: 'unknown' })).toEqual(['authenticity.gtin_not_of_brand', 'authenticity.code_unknown']);
    expect(codes({ claimedCode: '(01)09506000134352(21)ab-1', registry: 'unknown' })).toEqual(['authenticity.serial_pattern_mismatch', 'authenticity.code_unknown']);
    expect(codes({ claimedCode: '(01)09506000134353(21)AB000001', brand: null, registry: null })).toEqual(['authenticity.code_check_digit_invalid']);
  });

  it('says when there is no code, or none it can read', () => {
    expect(codes({ claimedCode: null, registry: null })).toEqual(['authenticity.code_missing']);
    expect(codes({ claimedCode: 'hello', registry: null })).toEqual(['authenticity.code_unreadable']);
    expect(codes({ claimedCode: '09506000134352', registry: null })).toEqual(['authenticity.serial_missing']);
  });

  it('says nothing of the item from a code read only on a copied photo: one case signal with what the lookups found', () => {
    const otherOrders = [{ checkId: 'c1', orderId: 'o1', createdAt: '2026-12-01T00:00:00Z' }];
    for (const registry of ['valid', 'revoked', 'unknown'] as const) {
      const signals = codeSignals({ claimedCode: '(01)09506000134352(21)AB000001', source: 'copied_photo', copiedFrom: { position: 1, checkId: 'c1', unsure: false }, brand, registry, otherOrders });
      expect(signals).toMatchObject([{ code: 'authenticity.code_on_copied_photo', severity: 'high', evidence: { gtin: '09506000134352', serial: 'AB000001', source: 'copied_photo', registry, otherOrders: 1, otherChecks: ['c1'], position: 1, copiedFrom: 'c1', unsureCopy: false } }]);
    }
  });

  it('marks where the code came from, and a brand the check did not name', () => {
    expect(codeSignals({ claimedCode: '(01)09506000134352(21)AB000001', source: 'photo', brand, registry: 'valid', otherOrders: [] })[0]!.evidence).toMatchObject({ source: 'photo' });
    const inferred = codeSignals({ claimedCode: '(01)09506000134352(21)AB000001', brand, brandFrom: 'gtin', registry: 'valid', otherOrders: [] });
    expect(inferred.map((signal) => [signal.code, signal.severity])).toEqual([['authenticity.brand_inferred', 'info'], ['authenticity.code_verified', 'info']]);
    expect(inferred[0]!.evidence).toEqual({ brandKey: 'brush-co', from: 'gtin' });
    expect(codes({ brandFrom: 'check' })).toEqual(['authenticity.code_verified']);
  });
});
