import type { AliasKind, WatchlistEntry } from './types.ts';

/**
 * A small hand-made list for unit tests, shaped like a real one where it matters: "Mohammed",
 * "Ali" and "Trading" are frequent, surnames and company stems are rare. Invented names only.
 */

export function individual(entryId: string, primaryName: string, aliases: [string, AliasKind][] = [], datesOfBirth: string[] = []): WatchlistEntry {
  return { listId: 'test-list', entryId, primaryName, type: 'individual', programs: ['TEST'], datesOfBirth, aliases: aliases.map(([name, kind]) => ({ name, kind })) };
}

export function entity(entryId: string, primaryName: string, aliases: [string, AliasKind][] = []): WatchlistEntry {
  return { listId: 'test-list', entryId, primaryName, type: 'entity', programs: ['TEST'], datesOfBirth: [], aliases: aliases.map(([name, kind]) => ({ name, kind })) };
}

const FILLER_SURNAMES = ['Brevanok', 'Tazhirov', 'Quendalis', 'Morivati', 'Selkaron', 'Dravinsky', 'Olvareth', 'Pemzarov', 'Kistovan', 'Ruvelani', 'Zhamtorin', 'Velkoran'];
const FILLER_STEMS = ['Norvane', 'Kelvora', 'Trisdale', 'Umbrasc', 'Palvetto', 'Questra', 'Ravonik', 'Sendura', 'Tolvasc', 'Vexmora'];

export function testEntries(): WatchlistEntry[] {
  return [
    individual('100', 'KOVARIN, Dmitri Olegovich', [['KOVARINE, Dmitriy', 'aka']], ['12 Mar 1965']),
    individual('101', 'AL-RASHIDI, Omar Khalid', [], ['circa 1971']),
    individual('102', 'HASSANEYN, Mohammed Ali'),
    individual('103', 'LI, Wei'),
    individual('104', 'MÜLLERHAUSEN, Jürgen'),
    individual('105', 'PETRASH, Elena', [['VOLKANOVA, Elena', 'fka']]),
    ...FILLER_SURNAMES.map((surname, i) => individual(`2${String(i).padStart(2, '0')}`, `${surname.toUpperCase()}, ${i % 2 === 0 ? 'Mohammed' : 'Ali'}`)),
    entity('300', 'ZORVANE MARITIME TRADING LLC', [['ZORVANE SHIPPING CO., LTD.', 'fka']]),
    entity('301', 'KESTRALINE PETROCHEMICAL S.A.'),
    ...FILLER_STEMS.map((stem, i) => entity(`4${String(i).padStart(2, '0')}`, `${stem.toUpperCase()} ${i % 3 === 0 ? 'GENERAL TRADING' : 'TRADING'} FZE`)),
    { listId: 'test-list', entryId: '500', primaryName: 'ZORVANE STAR', type: 'vessel', programs: [], datesOfBirth: [], aliases: [] },
  ];
}
