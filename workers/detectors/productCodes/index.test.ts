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
});
