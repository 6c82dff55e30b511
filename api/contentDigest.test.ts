import { describe, expect, it } from 'vitest';
import { contentDigest } from './contentDigest.ts';

describe('contentDigest', () => {
  it('ignores key order at every depth', () => {
    expect(contentDigest({ a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(contentDigest({ b: { c: [1, { e: 3, d: 2 }] }, a: 1 }));
  });

  it('tells apart different values, array orders and types', () => {
    const base = contentDigest({ a: [1, 2] });
    expect(contentDigest({ a: [2, 1] })).not.toBe(base);
    expect(contentDigest({ a: ['1', 2] })).not.toBe(base);
    expect(contentDigest({ a: [1, 2], b: null })).not.toBe(base);
  });
});
