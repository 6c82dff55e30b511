import { describe, expect, it } from 'vitest';
import { isStorableText, unstorableTextPaths } from './storableText.ts';

describe('storable text', () => {
  it('refuses NUL and unpaired surrogates, keeps paired ones', () => {
    expect(isStorableText('plain, accentué, 🙂')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('cut in two \ud83d')).toBe(false);
    expect(isStorableText('\ude42 low half first')).toBe(false);
    expect(isStorableText('\ud83d\ude42')).toBe(true);
  });

  it('names every offending string and key by JSON pointer', () => {
    const value = { title: 'ok', tags: ['fine', 'bad\u0000'], 'a/b': { '~k\ud800': 1, deep: [{ note: '\udfff' }] } };
    expect(unstorableTextPaths(value).sort()).toEqual(['/a~1b/deep/0/note', '/a~1b/~0k\ud800', '/tags/1'].sort());
    expect(unstorableTextPaths('\u0000')).toEqual(['']);
    expect(unstorableTextPaths({ n: 1, b: true, z: null, s: 'fine' })).toEqual([]);
  });

  it('stops after twenty findings', () => {
    expect(unstorableTextPaths(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(20);
  });
});
