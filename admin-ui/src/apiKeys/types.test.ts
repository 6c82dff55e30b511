import { describe, expect, it } from 'vitest';
import { editableApiKey, isIssuedKey } from './types.ts';

describe('API key helpers', () => {
  it('recognises the creation response by its key', () => {
    expect(isIssuedKey({ id: 'k', key: 'bf_abc' })).toBe(true);
    expect(isIssuedKey({ id: 'k', prefix: 'bf_abc' })).toBe(false);
    expect(isIssuedKey(null)).toBe(false);
  });

  it('sends only the name on edit', () => {
    expect(editableApiKey({ id: 'k', name: 'n', prefix: 'bf_', active: true, marketplaceId: 'm' })).toEqual({ name: 'n' });
  });
});
