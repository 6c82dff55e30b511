import { readFileSync } from 'node:fs';

/**
 * ISO 3166-1 country codes, from the data file beside this module (its `source` names where it
 * comes from). Declared countries are validated against it, so "XX" or "UK" is refused at the API.
 */
interface CountryFile {
  source: string;
  countries: { alpha2: string; alpha3: string; name: string }[];
}

const file = JSON.parse(readFileSync(new URL('./reference/iso3166-1.json', import.meta.url), 'utf8')) as CountryFile;

export const countryCodesSource = file.source;
export const countryCodesAlpha2: readonly string[] = file.countries.map((country) => country.alpha2);
export const countryCodesAlpha3: readonly string[] = file.countries.map((country) => country.alpha3);
