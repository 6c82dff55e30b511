import { describe, expect, it } from 'vitest';
import { BatchSubjectRegistry, type BatchSubjectRegistration } from './batchSubjects.ts';

const registration = (subjectType: string): BatchSubjectRegistration => ({ subjectType, label: subjectType, standing: async () => [], results: async () => ({ rows: [], total: 0 }) });

describe('batch subject registry', () => {
  it('finds each registered subject type and refuses one registered twice', () => {
    const registry = new BatchSubjectRegistry();
    registry.register(registration('listing_screening'));
    registry.register(registration('content_screening'));
    expect(registry.get('content_screening')?.subjectType).toBe('content_screening');
    expect(registry.get('seller_vetting')).toBeUndefined();
    expect(registry.all().map((entry) => entry.subjectType)).toEqual(['listing_screening', 'content_screening']);
    expect(() => registry.register(registration('listing_screening'))).toThrow(/registered twice/);
  });
});
