import { describe, expect, it } from 'vitest';
import { isPriority, priorityColor } from './priority.ts';

describe('priorityColor', () => {
  it('escalates the colour with the priority', () => {
    expect(['low', 'normal', 'high', 'urgent'].map(priorityColor)).toEqual(['default', 'info', 'warning', 'error']);
  });

  it.each([undefined, null, '', 'URGENT', 'critical', 3])('keeps %j neutral', (value) => {
    expect(priorityColor(value)).toBe('default');
    expect(isPriority(value)).toBe(false);
  });
});
