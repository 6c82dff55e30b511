import { describe, expect, it } from 'vitest';
import { auditEntryHash } from './audit.ts';

const entry = { at: new Date('2026-11-30T10:00:00.000Z'), actorType: 'user', actorId: 'u1', actorLabel: 'a@b', action: 'case.decided', objectType: 'case', objectId: 'c1', tenantId: null, detail: { b: 1, a: { d: 2, c: 3 } }, ipAddress: '127.0.0.1' };

describe('audit entry hash', () => {
  it('does not depend on the order of keys in the detail (jsonb reorders them)', () => {
    expect(auditEntryHash('0', entry)).toBe(auditEntryHash('0', { ...entry, detail: { a: { c: 3, d: 2 }, b: 1 } }));
  });

  it('changes with any field and with the previous hash', () => {
    const base = auditEntryHash('0', entry);
    expect(auditEntryHash('1', entry)).not.toBe(base);
    expect(auditEntryHash('0', { ...entry, actorLabel: 'x@y' })).not.toBe(base);
    expect(auditEntryHash('0', { ...entry, detail: { b: 2, a: { d: 2, c: 3 } } })).not.toBe(base);
  });
});
