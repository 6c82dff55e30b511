import { describe, expect, it } from 'vitest';
import { alignCharacters, fuseOcrLines } from './ocrFusion.ts';

const line = (text: string, top: number) => ({ text, confidence: 0.8, top, bottom: top + 30 });

describe('fuseOcrLines', () => {
  it('takes the LSTM glyph where the legacy engine confused W for H', () => {
    const [fused] = fuseOcrLines([line('NOHAK<<ZOFIA<<<<<<<<<<<<<<<<<<', 100)], [line('NOWAK<<ZOFIA<K<LK<LLLLLLLLLLLLLKLKL', 102)]);
    expect(fused?.text).toBe('NOWAK<<ZOFIA<<<<<<<<<<<<<<<<<<');
  });

  it('takes a run of corrected glyphs bounded by agreement on both sides', () => {
    const [fused] = fuseOcrLines([line('I<UTOSBSSOZ7169<<<<<<<<<<<<<<<', 0)], [line('IKUTOSB55027169<<<<<<<<K<K<KKKKL', 0)]);
    expect(fused?.text).toBe('I<UTOSB55027169<<<<<<<<<<<<<<<');
  });

  it('ignores LSTM garbage at the end of a line (filler runs read as K and L)', () => {
    const [fused] = fuseOcrLines([line('8306199M2909093UTO<<<<<<<<<<<6', 0)], [line('8306199M2909093UT0<<K<KKLKLKLKY', 0)]);
    // The O/0 between agreeing neighbours is taken (position repair settles it later); the final
    // digit, next to LSTM garbage, is not.
    expect(fused?.text).toBe('8306199M2909093UT0<<<<<<<<<<<6');
  });

  it('pairs lines by vertical overlap and keeps unpaired legacy lines as they are', () => {
    const fused = fuseOcrLines([line('AAA', 0), line('BHB', 100)], [line('BWB', 95)]);
    expect(fused.map((entry) => entry.text)).toEqual(['AAA', 'BWB']);
  });

  it('aligns around insertions and deletions', () => {
    expect(alignCharacters('ABCD', 'ABXCD')).toEqual(['A', 'B', 'C', 'D']);
    expect(alignCharacters('ABCD', 'ACD')).toEqual(['A', undefined, 'C', 'D']);
  });
});
