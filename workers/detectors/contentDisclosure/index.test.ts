import { describe, expect, it } from 'vitest';
import { assessDisclosure, disclosureDetector, hashtagBlocks, visibleCaption } from './index.ts';

const longCaption = 'Okay so this is my new morning routine and honestly I cannot stop using this serum, my skin has never looked this good, run and get it while it lasts because it sells out fast';

describe('ad disclosure', () => {
  it('finds clear disclosures at the start of the caption, in five languages', () => {
    for (const caption of ['#ad Loving this serum', 'Publicidad: me encanta este sérum', 'Publicité - ce sérum est top', 'Werbung | Dieses Serum ist super', 'Publicidade: amo esse sérum', 'Paid partnership with Glow']) {
      expect(assessDisclosure({ caption, surface: 'image' }).class, caption).toBe('clear');
    }
  });

  it('does not take a word that only contains a term (#adidas, anunciou) for a disclosure', () => {
    expect(assessDisclosure({ caption: 'New #adidas drop, she anunciou it today', surface: 'image' }).class).toBe('missing');
  });

  it('calls #sp, #collab and "thanks to" ambiguous', () => {
    expect(assessDisclosure({ caption: '#sp this serum is great', surface: 'image' }).class).toBe('ambiguous');
    expect(assessDisclosure({ caption: 'Thanks to @glow for this serum', surface: 'image' }).class).toBe('ambiguous');
    expect(assessDisclosure({ caption: 'Merci à @glow pour ce sérum', surface: 'image' }).class).toBe('ambiguous');
  });

  it('buries a disclosure after the truncation point of the surface', () => {
    const assessment = assessDisclosure({ caption: `${longCaption} #ad`, surface: 'image' });
    expect(assessment.class).toBe('buried');
    expect(assessment.found[0]).toMatchObject({ term: '#ad', hidden: 'after_truncation' });
    // The same caption cut later on no surface would be clear: the truncation point is per surface.
    expect(assessDisclosure({ caption: `Short one #ad`, surface: 'live' }).class).toBe('clear');
  });

  it('buries a disclosure lost in a block of hashtags, even early in the caption', () => {
    const assessment = assessDisclosure({ caption: 'Glow serum #skincare #glow #beauty #ad #serum', surface: 'image' });
    expect(assessment.class).toBe('buried');
    expect(assessment.reason).toMatch(/lost in a block of 5 hashtags/);
    expect(hashtagBlocks('a #x #y 😍 #z #w b #v', 4)).toEqual([{ start: 2, end: 16, count: 4 }]);
  });

  it('treats hashtags sent apart as appended after the caption', () => {
    expect(visibleCaption('Nice', ['ad', '#glow']).text).toBe('nice\n#ad #glow');
    expect(assessDisclosure({ caption: longCaption, hashtags: ['ad'], surface: 'video' }).class).toBe('buried');
  });

  it('flags a spoken endorsement disclosed only in the caption as a channel mismatch', () => {
    const transcript = 'Hey guys this watch is the best thing I bought this year, the battery lasts forever and it looks amazing';
    expect(assessDisclosure({ caption: '#ad new watch', transcript, surface: 'video' }).class).toBe('channel_mismatch');
    expect(assessDisclosure({ caption: '#ad new watch', transcript: `This video is sponsored by Tick. ${transcript}`, surface: 'video' }).class).toBe('clear');
    expect(assessDisclosure({ caption: '#ad new watch', transcript, onScreenText: 'Paid partnership', surface: 'video' }).class).toBe('clear');
    expect(assessDisclosure({ caption: 'new watch', transcript, surface: 'video' }).class).toBe('missing');
  });

  it("accepts the platform's paid label as clear", () => {
    expect(assessDisclosure({ caption: 'no words at all', surface: 'video', platformPaidLabel: true }).class).toBe('clear');
  });

  it('makes an affiliate link without a clear disclosure a violation, with the reason', () => {
    const tags = ['skincare', 'glow', 'beauty', 'morning', 'routine', 'selfcare', 'sp'];
    const signals = disclosureDetector.detect({ caption: longCaption, hashtags: tags, surface: 'image', affiliateLink: true });
    expect(signals.map((signal) => signal.code)).toEqual(['content.disclosure_buried', 'content.affiliate_undisclosed']);
    expect(signals[1]!.summary).toContain('#sp');
    expect(disclosureDetector.detect({ caption: '#ad love it', surface: 'image', affiliateLink: true }).map((signal) => signal.code)).toEqual(['content.disclosure_clear']);
  });
});

describe('ad disclosure: denials and a bare "Ad" at the start', () => {
  it('does not take a denial for a disclosure, in several languages', () => {
    for (const caption of ['Not sponsored, I paid for this serum myself', 'No es publicidad, lo compré yo', 'Keine Werbung, selbst gekauft', 'Unbezahlte Werbung: mein Lieblingsserum', 'Ce n est pas sponsorisé', 'Não é publicidade, comprei eu']) {
      expect(assessDisclosure({ caption, surface: 'image' }).class, caption).toBe('missing');
    }
    expect(assessDisclosure({ caption: 'Not sponsored #ad', surface: 'image' }).class).toBe('clear');
  });

  it('takes a bare "Ad" leading the caption as clear, but not "ad" inside a sentence', () => {
    expect(assessDisclosure({ caption: 'AD | my favourite serum', surface: 'image' }).class).toBe('clear');
    expect(assessDisclosure({ caption: '✨ Ad - my favourite serum', surface: 'image' }).class).toBe('clear');
    expect(assessDisclosure({ caption: 'Adding this serum to my routine', surface: 'image' }).class).toBe('missing');
    expect(assessDisclosure({ caption: 'I saw an ad for this serum', surface: 'image' }).class).toBe('missing');
  });
});
