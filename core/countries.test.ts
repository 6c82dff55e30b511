import { describe, expect, it } from 'vitest';
import { countryCodesAlpha2, countryCodesAlpha3, countryCodesSource } from './countries.ts';

describe('ISO 3166-1 country codes', () => {
  it('holds every officially assigned code once, with its source named', () => {
    expect(countryCodesAlpha2).toHaveLength(249);
    expect(new Set(countryCodesAlpha2).size).toBe(249);
    expect(countryCodesAlpha2).toEqual(expect.arrayContaining(['GB', 'DE', 'NG', 'US', 'JP']));
    expect(countryCodesAlpha3).toEqual(expect.arrayContaining(['GBR', 'DEU', 'NGA']));
    expect(countryCodesSource).toMatch(/iso-codes/);
  });

  it('has no user-assigned or retired codes', () => {
    for (const code of ['UK', 'XX', 'ZZ', 'EU', 'YU']) expect(countryCodesAlpha2).not.toContain(code);
  });
});
