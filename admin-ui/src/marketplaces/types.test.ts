import { describe, expect, it } from 'vitest';
import { editableMarketplace, slugFromName } from './types.ts';

describe('marketplace helpers', () => {
  it('proposes slugs the API accepts', () => {
    expect(slugFromName('Acme Market')).toBe('acme-market');
    expect(slugFromName('  Café <b>Bazar</b>!! ')).toBe('cafe-b-bazar-b');
    expect(slugFromName('---')).toBe('');
  });

  it('sends only the fields an admin may change', () => {
    const record = { id: 'm1', slug: 's', name: 'N', disabled: true, disabledAt: '2026-01-01T00:00:00Z', createdAt: '2026-01-01T00:00:00Z' };
    expect(editableMarketplace(record)).toEqual({ name: 'N', disabled: true });
  });
});
