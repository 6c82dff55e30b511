import { describe, expect, it } from 'vitest';
import { relativeLabel, slaState } from './sla.ts';

const now = new Date('2025-03-10T12:00:00.000Z');

describe('slaState', () => {
  it('reads a future deadline as due in the largest whole unit', () => {
    expect(slaState('2025-03-10T15:30:00.000Z', now)).toEqual({ label: 'in 3 hours', overdue: false });
    expect(slaState('2025-03-12T13:00:00.000Z', now)).toEqual({ label: 'in 2 days', overdue: false });
  });

  it('marks a passed deadline overdue', () => {
    expect(slaState('2025-03-10T11:15:00.000Z', now)).toEqual({ label: '45 minutes ago', overdue: true });
    expect(slaState('2025-03-09T10:00:00.000Z', now)).toEqual({ label: 'yesterday', overdue: true });
  });

  it('is overdue at the very deadline', () => {
    expect(slaState(now.toISOString(), now)?.overdue).toBe(true);
  });

  it.each([undefined, null, 42, '', 'not a date'])('cannot read %j', (value) => {
    expect(slaState(value, now)).toBeUndefined();
  });
});

describe('relativeLabel', () => {
  it('never rounds up to the next unit', () => {
    expect(relativeLabel(-(2 * 3_600_000 - 60_000))).toBe('1 hour ago');
  });

  it('uses seconds below a minute', () => {
    expect(relativeLabel(20_000)).toBe('in 20 seconds');
    expect(relativeLabel(0)).toBe('now');
  });
});
