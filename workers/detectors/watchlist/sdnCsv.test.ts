import { describe, expect, it } from 'vitest';
import { datesOfBirthFromRemarks, parseSdnCsv, splitPrograms } from './sdnCsv.ts';

const EMPTY9 = Array.from({ length: 7 }, () => '-0- ').join(',');
const row = (entNum: string, name: string, type: string, program: string, remarks = '-0- ') =>
  `${entNum},${name},${type},${program},${EMPTY9},${remarks}`;

describe('parseSdnCsv', () => {
  it('reads quoted fields, -0- blanks, bracketed programs and DOB remarks', () => {
    const sdn = [
      row('36', '"KOVARIN, Dmitri Olegovich"', '"individual"', '"SDGT] [NPWMD"', '"DOB 12 Mar 1965; alt. DOB 1966; nationality Veldoria."'),
      row('37', '"ZORVANE TRADING, S.A."', '-0- ', '"TCO"'),
    ].join('\r\n');
    const { entries, issues } = parseSdnCsv({ sdn });
    expect(issues).toEqual([]);
    expect(entries).toEqual([
      { listId: 'ofac-sdn', entryId: '36', primaryName: 'KOVARIN, Dmitri Olegovich', aliases: [], type: 'individual', programs: ['SDGT', 'NPWMD'], datesOfBirth: ['12 Mar 1965', '1966'] },
      { listId: 'ofac-sdn', entryId: '37', primaryName: 'ZORVANE TRADING, S.A.', aliases: [], type: 'entity', programs: ['TCO'], datesOfBirth: [] },
    ]);
  });

  it('ignores the 0x1A end-of-file marker, stray control characters and blank lines', () => {
    const sdn = `\uFEFF${row('36', '"KOVARIN, Dmitri"', '"individual"', '"SDGT"')}\r\n\r\n   \r\n${row('40', '"NORTH\u0000STAR"', '"vessel"', '"TCO"')}\r\n\u001A`;
    const { entries, issues } = parseSdnCsv({ sdn });
    expect(issues).toEqual([]);
    expect(entries.map((e) => [e.entryId, e.primaryName, e.type])).toEqual([['36', 'KOVARIN, Dmitri', 'individual'], ['40', 'NORTHSTAR', 'vessel']]);
  });

  it('reports malformed rows with their line and keeps reading the rest', () => {
    const sdn = [
      row('36', '"KOVARIN, Dmitri"', '"individual"', '"SDGT"'),
      '37,"UNCLOSED NAME,-0- ,"TCO"',
      row('x1', '"BAD NUMBER"', '-0- ', '"TCO"'),
      '38,"TOO FEW COLUMNS",-0-',
      row('39', '-0- ', '-0- ', '"TCO"'),
      row('40', '"SPACESHIP"', '"spacecraft"', '"TCO"'),
      row('36', '"DUPLICATE"', '-0- ', '"TCO"'),
      row('41', '"LAST GOOD ENTITY"', '-0- ', '"TCO"'),
    ].join('\n');
    const { entries, issues } = parseSdnCsv({ sdn }, { sdnFileName: 'sdn-2026.csv' });
    expect(entries.map((e) => e.entryId)).toEqual(['36', '41']);
    expect(issues.map((i) => [i.file, i.line])).toEqual([['sdn-2026.csv', 2], ['sdn-2026.csv', 3], ['sdn-2026.csv', 4], ['sdn-2026.csv', 5], ['sdn-2026.csv', 6], ['sdn-2026.csv', 7]]);
    expect(issues[0]?.reason).toMatch(/unreadable CSV/);
    expect(issues[2]?.reason).toBe('expected 12 columns, found 3');
    expect(issues[4]?.reason).toBe('entry 40 has unknown SDN_Type "spacecraft"');
    expect(issues[5]?.reason).toMatch(/duplicate ent_num 36/);
  });

  it('attaches aliases from alt.csv by ent_num, with their kind', () => {
    const sdn = row('36', '"KOVARIN, Dmitri"', '"individual"', '"SDGT"');
    const alt = [
      '36,101,"aka","KOVARINE, Dmitriy",-0- ',
      '36,102,"fka","PETRASH, Dmitri","formerly"',
      '36,103,"a.k.a.","KOVAR, Dima",-0- ',
      '99,104,"aka","NOBODY",-0- ',
      '36,105,"nka",-0- ,-0- ',
      '\u001A',
    ].join('\r\n');
    const { entries, issues } = parseSdnCsv({ sdn, alt });
    expect(entries[0]?.aliases).toEqual([
      { name: 'KOVARINE, Dmitriy', kind: 'aka' },
      { name: 'PETRASH, Dmitri', kind: 'fka' },
      { name: 'KOVAR, Dima', kind: 'aka' },
    ]);
    expect(issues.map((i) => [i.file, i.line, i.reason])).toEqual([
      ['alt.csv', 4, 'alias for unknown ent_num "99"'],
      ['alt.csv', 5, 'alias of entry 36 has no name'],
    ]);
  });

  it('keeps an alias of unknown kind as aka and says so', () => {
    const { entries, issues } = parseSdnCsv({ sdn: row('36', '"KOVARIN, Dmitri"', '"individual"', '"SDGT"'), alt: '36,101,"alias","KOVARINE, Dmitriy",-0- ' });
    expect(entries[0]?.aliases).toEqual([{ name: 'KOVARINE, Dmitriy', kind: 'aka' }]);
    expect(issues[0]?.reason).toMatch(/unknown alt_type "alias"; screened as aka/);
  });
});

describe('splitPrograms and datesOfBirthFromRemarks', () => {
  it('splits the legacy bracket joining', () => {
    expect(splitPrograms('SDGT] [IRGC] [NPWMD')).toEqual(['SDGT', 'IRGC', 'NPWMD']);
    expect(splitPrograms('')).toEqual([]);
  });

  it('collects every DOB including circa and ranges', () => {
    expect(datesOfBirthFromRemarks('DOB circa 1970; POB Somewhere; alt. DOB 1972 to 1974.')).toEqual(['circa 1970', '1972 to 1974']);
    expect(datesOfBirthFromRemarks('Website www.example.test.')).toEqual([]);
  });
});
