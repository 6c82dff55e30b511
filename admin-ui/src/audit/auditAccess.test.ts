import { describe, expect, it } from 'vitest';
import { canReadAuditLog } from './auditAccess.ts';

describe('canReadAuditLog', () => {
  it('matches the API: seniors and admins only', () => {
    expect(['moderator', 'senior_moderator', 'admin', undefined, 'root'].map(canReadAuditLog)).toEqual([false, true, true, false, false]);
  });
});
