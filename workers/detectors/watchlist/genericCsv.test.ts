import { describe, expect, it } from 'vitest';
import { parseGenericCsv } from './genericCsv.ts';

describe('parseGenericCsv', () => {
  it('reads columns by header name, splits aliases on ";" and applies the default list', () => {
    const text = [
      'list,type,name,id,aliases',
      'own-bans,individual,"DOE, Jane",B-1,"Janie Doe; J Doe"',
      ',company,Acme Knockoffs,B-2,',
      'own-bans,person,Richard Roe,B-3',
    ].join('\n');
    const { entries, issues } = parseGenericCsv(text, { defaultListId: 'marketplace-banned' });
    expect(issues).toEqual([]);
    expect(entries).toEqual([
      { listId: 'own-bans', privateList: true, entryId: 'B-1', primaryName: 'DOE, Jane', type: 'individual', programs: [], datesOfBirth: [], aliases: [{ name: 'Janie Doe', kind: 'aka' }, { name: 'J Doe', kind: 'aka' }] },
      { listId: 'marketplace-banned', privateList: true, entryId: 'B-2', primaryName: 'Acme Knockoffs', type: 'entity', programs: [], datesOfBirth: [], aliases: [] },
      { listId: 'own-bans', privateList: true, entryId: 'B-3', primaryName: 'Richard Roe', type: 'individual', programs: [], datesOfBirth: [], aliases: [] },
    ]);
  });

  it('refuses a header without the required columns', () => {
    const { entries, issues } = parseGenericCsv('id,fullname\n1,Jane Doe\n', { defaultListId: 'x', fileName: 'bans.csv' });
    expect(entries).toEqual([]);
    expect(issues).toEqual([{ file: 'bans.csv', line: 1, reason: 'header lacks column(s) name, type' }]);
  });

  it('reports bad rows and keeps the good ones', () => {
    const text = 'id,name,type\n1,Jane Doe,individual\n2,,individual\n3,Zed,robot\n1,Jane Again,individual\n4,"broken,individual\n5,Too,individual,extra,columns,here\n6,Last One,entity\n';
    const { entries, issues } = parseGenericCsv(text, { defaultListId: 'x' });
    expect(entries.map((e) => e.entryId)).toEqual(['1', '6']);
    expect(issues.map((i) => i.line)).toEqual([3, 4, 5, 6, 7]);
    expect(issues[1]?.reason).toBe('entry 3 has unknown type "robot"');
  });

  it('returns nothing, without issues, for an empty file', () => {
    expect(parseGenericCsv('\n\n', { defaultListId: 'x' })).toEqual({ entries: [], issues: [] });
  });
});
