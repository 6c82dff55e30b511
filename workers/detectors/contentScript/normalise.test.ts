import { describe, expect, it } from 'vitest';
import { foldText, normaliseScript, scriptWordsOf, wordsOf } from './normalise.ts';

describe('script normalisation', () => {
  it('folds case, accents, umlauts and full-width letters', () => {
    expect(foldText('Ｃrème BRÛLÉE Größe')).toBe('creme brulee groesse');
  });

  it('drops punctuation, emoji, hashtags, mentions and links, and turns numbers into one token', () => {
    expect(wordsOf('OMG!!! 😍 This watch is $49.99 🔥 #ad @brand https://x.test/p?q=1 only 3 days')).toEqual(['omg', 'this', 'watch', 'is', '0', 'only', '0', 'days']);
  });

  it('removes filler words and phrases in several languages', () => {
    expect(normaliseScript('Um, so, like, this serum is, you know, amazing')).toEqual(['this', 'serum', 'is', 'amazing']);
    expect(normaliseScript('Euh, du coup ce sérum est génial')).toEqual(['ce', 'serum', 'est', 'genial']);
    expect(normaliseScript('Also, ähm, dieses Serum ist halt super')).toEqual(['dieses', 'serum', 'ist']);
  });

  it('reads caption, transcript and on-screen text together', () => {
    expect(scriptWordsOf({ caption: 'Best watch.', transcript: 'I wear it daily', onScreenText: null })).toEqual(['best', 'watch', 'i', 'wear', 'it', 'daily']);
  });
});
