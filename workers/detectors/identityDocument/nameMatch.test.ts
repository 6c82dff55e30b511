import { describe, expect, it } from 'vitest';
import { compareNames, type NameOnDocument } from './nameMatch.ts';

const mrz = (surname: string, givenNames: string, truncated = false): NameOnDocument => ({ surname, givenNames, truncated });

describe('compareNames: names that should match', () => {
  it.each([
    ['exact, given names first', 'Anna Maria Eriksson', mrz('ERIKSSON', 'ANNA MARIA')],
    ['surname first and lower case', 'eriksson anna maria', mrz('ERIKSSON', 'ANNA MARIA')],
    ['accents, ICAO writes Ü as UE', 'José Müller', mrz('MUELLER', 'JOSE')],
    ['accents, MRZ drops the umlaut', 'José Müller', mrz('MULLER', 'JOSE')],
    ['Å as AA and Ö as OE', 'Zoë Ångström', mrz('AANGSTROEM', 'ZOE')],
    ['Æ and Ø expanded', 'Søren Kjærgaard', mrz('KJAERGAARD', 'SOEREN')],
    ['Polish Ł', 'Łukasz Wójcik', mrz('WOJCIK', 'LUKASZ')],
    ['hyphenated surname', 'Renée Dubois-Lefèvre', mrz('DUBOIS LEFEVRE', 'RENEE')],
    ['compound surname written together', 'Mariana Ferreira da Silva', mrz('FERREIRA DASILVA', 'MARIANA')],
    ['apostrophe dropped by ICAO', "Siobhan O'Brien", mrz('OBRIEN', 'SIOBHAN')],
    ['middle name missing from the declaration', 'Ingrid Halvorsen', mrz('HALVORSEN', 'INGRID MARIE')],
    ['extra middle names declared', 'Amara Chioma Eze Obi', mrz('OBI', 'AMARA')],
    ['middle initial on the document', 'Per Olof Lindqvist', mrz('LINDQVIST', 'PER O')],
    ['truncated given name', 'Maximiliana Theodora Wolkenstein-Rodenegg', mrz('WOLKENSTEIN RODENEGG', 'MAXIMILI', true)],
    ['truncation removed every given name', 'Bartholomew Fitzwilliam-Montgomery-Ravenscroft', mrz('FITZWILLIAM MONTGOMERY RAVENSCR', '', true)],
    ['one-letter OCR slip in a name', 'Zofia Nowak', mrz('NOHAK', 'ZOFIA')],
    ['two OCR confusions in a short surname (W read as Q and H)', 'Agus Wibowo', mrz('QIBOHO', 'AGUS')],
    ['W read as H and U in one surname', 'Agus Wibowo', mrz('HIBOUO', 'AGUS')],
    ['M read as H in a three-letter given name', 'Sam Rivers', mrz('RIVERS', 'SAH')],
    ['a mononym', 'Suharti', mrz('SUHARTI', '')],
  ])('%s', (_, declared, document) => {
    expect(compareNames(declared, document).similarity).toBeGreaterThanOrEqual(0.85);
  });
});

describe('compareNames: names that should not match', () => {
  it('scores someone else entirely far below the weak threshold', () => {
    expect(compareNames('Daniel Kovacs', mrz('HORVATH', 'ISTVAN')).similarity).toBeLessThan(0.6);
  });

  it('scores a relative (same surname, other given name) below the weak threshold', () => {
    expect(compareNames('Lucas Brennan', mrz('BRENNAN', 'SIOBHAN')).similarity).toBeLessThan(0.6);
    expect(compareNames('Anna Eriksson', mrz('ERIKSSON', 'PETRA')).similarity).toBeLessThan(0.6);
  });

  it('puts a similar but different name in the weak band', () => {
    const { similarity } = compareNames('Johan Berg', mrz('BERGMAN', 'JOHANNA'));
    expect(similarity).toBeGreaterThanOrEqual(0.6);
    expect(similarity).toBeLessThan(0.85);
  });

  it('forgives OCR confusions only: other substitutions, or more than two confusions, are another name', () => {
    // same length, one plain substitution (S for B) besides a confusion: not a misread
    expect(compareNames('Agus Wibowo', mrz('QISOWO', 'AGUS')).similarity).toBeLessThan(0.85);
    // three confusions in one short name
    expect(compareNames('Sam Wimow', mrz('SAM', 'HINOH')).similarity).toBeLessThan(0.85);
    expect(compareNames('Anna Mahn', mrz('WAWN', 'ANNA')).similarity).toBeLessThan(0.85);
  });

  it('does not accept a prefix as a full name when the MRZ is not truncated', () => {
    expect(compareNames('Maximiliana Wolkenstein', mrz('WOLKENSTEIN', 'MAX')).similarity).toBeLessThan(0.85);
  });

  it('does not accept a declaration without given names for a document with them', () => {
    expect(compareNames('Eriksson', mrz('ERIKSSON', 'ANNA')).similarity).toBeLessThan(0.6);
  });

  it('gives 0 for an empty declaration', () => {
    expect(compareNames('  ', mrz('ERIKSSON', 'ANNA')).similarity).toBe(0);
  });
});
