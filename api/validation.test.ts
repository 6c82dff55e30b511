import { describe, expect, it } from 'vitest';
import { buildValidator, isSmall } from './validation.ts';

describe('isSmall', () => {
  it('counts keys and array items at every depth', () => {
    expect(isSmall({ a: 1, b: [1, 2, { c: 3 }] }, 6)).toBe(true);
    expect(isSmall({ a: 1, b: [1, 2, { c: 3 }] }, 5)).toBe(false);
    expect(isSmall('a string, however long', 0)).toBe(true);
  });

  it('stops counting once past the budget', () => {
    const huge = Object.fromEntries(Array.from({ length: 100_000 }, (_, index) => [`f${index}`, index]));
    expect(isSmall(huge, 1000)).toBe(false);
    expect(isSmall(huge, 100_000)).toBe(true);
  });
});

describe('buildValidator and unstorable text', () => {
  const validatorFor = (httpPart: string) =>
    buildValidator({})({ schema: { type: 'object', properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } }, method: 'POST', url: '/x', httpPart } as never) as unknown as ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string }[] };

  it('refuses NUL and lone surrogates in bodies and query strings, naming the field', () => {
    for (const part of ['body', 'querystring']) {
      const validate = validatorFor(part);
      expect(validate({ name: 'fine 🙂', tags: ['ok'] })).toBe(true);
      expect(validate({ name: 'fine', tags: ['ok', 'x\u0000'] })).toBe(false);
      expect(validate.errors?.map((error) => [error.instancePath, error.keyword])).toEqual([['/tags/1', 'storableText']]);
      expect(validate({ name: '\ud800' })).toBe(false);
      expect(validate.errors?.[0]?.instancePath).toBe('/name');
    }
  });
});
