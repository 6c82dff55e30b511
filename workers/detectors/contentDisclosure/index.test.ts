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
    expect(assessDisclosure({ caption: 'New #adidas drop, she anunciou it today', surface: 'image', affiliateLink: true }).class).toBe('missing');
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
    expect(assessDisclosure({ caption: 'new watch', transcript, surface: 'video', affiliateLink: true }).class).toBe('missing');
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
      expect(assessDisclosure({ caption, surface: 'image', affiliateLink: true }).class, caption).toBe('missing');
    }
    expect(assessDisclosure({ caption: 'Not sponsored #ad', surface: 'image' }).class).toBe('clear');
  });

  it('takes a bare "Ad" leading the caption as clear, but not "ad" inside a sentence', () => {
    expect(assessDisclosure({ caption: 'AD | my favourite serum', surface: 'image' }).class).toBe('clear');
    expect(assessDisclosure({ caption: '✨ Ad - my favourite serum', surface: 'image' }).class).toBe('clear');
    expect(assessDisclosure({ caption: 'Adding this serum to my routine', surface: 'image', affiliateLink: true }).class).toBe('missing');
    expect(assessDisclosure({ caption: 'I saw an ad for this serum', surface: 'image', affiliateLink: true }).class).toBe('missing');
  });
});

describe('ad disclosure: owed only where a material connection shows', () => {
  const review = 'Bought this serum with my own money last month and honestly it is the best thing on my shelf';

  it('owes nothing on a creator’s own post with no link, label, gift, payment or shared script', () => {
    const assessment = assessDisclosure({ caption: review, surface: 'image' });
    expect(assessment).toMatchObject({ class: 'not_required', connection: [] });
    const [signal] = disclosureDetector.detect({ caption: review, surface: 'image' });
    expect(signal).toMatchObject({ code: 'content.disclosure_not_required', severity: 'info', score: 0 });
  });

  it('owes a disclosure for each kind of connection, and the verdict says which', () => {
    expect(assessDisclosure({ caption: review, surface: 'image', affiliateLink: true })).toMatchObject({ class: 'missing', connection: ['affiliate_link'] });
    expect(assessDisclosure({ caption: review, surface: 'image', sharedScript: true })).toMatchObject({ class: 'missing', connection: ['shared_script'] });
    const gifted = assessDisclosure({ caption: `${review}. The brand kindly sent this one over, use my code GLOW10`, surface: 'image' });
    expect(gifted).toMatchObject({ class: 'missing', connection: ['gift_or_payment'], connectionWords: ['kindly sent', 'use my code'] });
    expect(assessDisclosure({ caption: 'Me lo regalaron y me encanta', surface: 'image' }).connection).toEqual(['gift_or_payment']);
    expect(disclosureDetector.detect({ caption: 'Ich habe es geschenkt bekommen', surface: 'image' })[0]!.summary).toContain('mentions a gift or payment');
  });

  it('takes no everyday sense or denial for a connection', () => {
    for (const caption of ['A free sample came with my order', 'New PR on the bench today', 'My mom sent me this serum', 'Nobody paid me to say this', 'I paid for this myself', 'Check out my code on GitHub']) {
      expect(assessDisclosure({ caption, surface: 'image' }).class, caption).toBe('not_required');
    }
  });

  it('counts an on-screen "#ad" as shown in the video, so a caption "#ad" is no channel mismatch', () => {
    const transcript = 'Hey guys this watch is the best thing I bought this year, the battery lasts forever and it looks amazing';
    expect(assessDisclosure({ caption: '#ad new watch', transcript, onScreenText: '#ad', surface: 'video', affiliateLink: true })).toMatchObject({ class: 'clear' });
    expect(assessDisclosure({ caption: 'new watch', transcript, onScreenText: '#ad', surface: 'video', affiliateLink: true }).found.map((item) => item.where)).toEqual(['on_screen']);
  });
});
