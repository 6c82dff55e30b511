import { describe, expect, it } from 'vitest';
import { normalizeName } from './normalize.ts';

const person = (name: string) => normalizeName(name, 'person');
const organisation = (name: string) => normalizeName(name, 'organisation');

describe('normalizeName for people', () => {
  it('turns "LAST, First Middle" round and lower-cases', () => {
    expect(person('KOVARIN, Dmitri Olegovich').tokens).toEqual(['dmitri', 'olegovich', 'kovarin']);
  });

  it('gives every order and case the same sorted key', () => {
    const keys = ['Dmitri Olegovich Kovarin', 'KOVARIN, Dmitri Olegovich', 'kovarin dmitri olegovich'].map((n) => person(n).sortedKey);
    expect(new Set(keys)).toEqual(new Set(['dmitri kovarin olegovich']));
  });

  it('transliterates accents and other scripts to ASCII', () => {
    expect(person('José Müller-Şahin').tokens).toEqual(['jose', 'muller', 'sahin']);
    expect(person('Søren Ærø').tokens).toEqual(['soren', 'aero']);
    expect(person('Дмитрий Коварин').tokens).toEqual(['dmitriy', 'kovarin']);
  });

  it('drops titles and generational suffixes but not the "Md" short form of Mohammed', () => {
    expect(person('Dr. John Q. Smith Jr.').tokens).toEqual(['john', 'q', 'smith']);
    expect(person('Sheikh Md Rahman').tokens).toEqual(['md', 'rahman']);
  });

  it('joins Arabic articles and prefixes so every spelling is one word', () => {
    const spellings = ['Omar Al-Rashidi', 'Omar Al Rashidi', 'Omar Alrashidi', "AL-RASHIDI, Omar"];
    expect(new Set(spellings.map((n) => person(n).sortedKey))).toEqual(new Set(['alrashidi omar']));
    expect(person('Abdul Rahman').tokens).toEqual(['abdulrahman']);
  });

  it('removes apostrophes inside names instead of splitting them', () => {
    expect(person("Seán O'Brien").tokens).toEqual(['sean', 'obrien']);
  });

  it('keeps a name made only of titles rather than erasing it', () => {
    expect(person('Mr').tokens).toEqual(['mr']);
    expect(person(' ,. ').tokens).toEqual([]);
  });
});

describe('normalizeName for organisations', () => {
  it('removes legal forms in any common spelling, at the end or (for some) the start', () => {
    const spellings = ['Zorvane Maritime LLC', 'ZORVANE MARITIME L.L.C.', 'Zorvane Maritime Co., Ltd.', 'Zorvane Maritime Company Limited', 'OOO Zorvane Maritime', 'zorvane maritime'];
    expect(new Set(spellings.map((n) => organisation(n).sortedKey))).toEqual(new Set(['maritime zorvane']));
  });

  it('merges spaced initials and drops "the" and "and"', () => {
    expect(organisation('The A B C Trading and Shipping S. A.').tokens).toEqual(['abc', 'trading', 'shipping']);
  });

  it('does not reorder at commas, which mean nothing special in a company name', () => {
    expect(organisation('ZORVANE, TRADING, S.A.').tokens).toEqual(['zorvane', 'trading']);
  });

  it('keeps a name made only of a legal form', () => {
    expect(organisation('Company Limited').tokens).toEqual(['company', 'limited']);
  });

  it('removes a legal form only where it sits, not in the middle of a name', () => {
    expect(organisation('Co Operative Bakers Ltd').tokens).toEqual(['co', 'operative', 'bakers']);
  });
});
