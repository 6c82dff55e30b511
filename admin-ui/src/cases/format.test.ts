import { describe, expect, it } from 'vitest';
import { compactJson, formatScore } from './format.ts';

describe('compactJson', () => {
  it('writes evidence on one line', () => {
    expect(compactJson({ field: 'dob', expected: '1990-01-01', ratio: 0.42 })).toBe(
      '{"field":"dob","expected":"1990-01-01","ratio":0.42}',
    );
  });

  it('cuts long evidence to the limit, ellipsis included', () => {
    const text = compactJson({ words: 'a'.repeat(50) }, 20);
    expect(text).toHaveLength(20);
    expect(text).toBe('{"words":"aaaaaaaaa…');
  });

  it.each([{}, undefined])('shows a dash for empty evidence (%j)', (value) => {
    expect(compactJson(value)).toBe('—');
  });

  it('survives values JSON cannot write', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(compactJson(loop)).toBe('—');
  });
});

describe('formatScore', () => {
  it('shows two decimals', () => {
    expect(formatScore(0.876)).toBe('0.88');
    expect(formatScore(1)).toBe('1.00');
  });

  it.each([undefined, null, '0.5', Number.NaN])('shows a dash for %j', (value) => {
    expect(formatScore(value)).toBe('—');
  });
});
