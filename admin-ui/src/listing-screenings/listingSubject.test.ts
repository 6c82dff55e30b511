import { describe, expect, it } from 'vitest';
import { readListingSubject, segmentsOf, type Highlight } from './listingSubject.ts';

const mark = (field: string, start: number, end: number): Highlight => ({ field, start, end, code: 'listing.counterfeit_cue', label: 'replica' });

describe('segmentsOf', () => {
  it('cuts the text at its highlights, keeping every character once', () => {
    const segments = segmentsOf('Gucci bag 1:1 replica', [mark('title', 10, 13), mark('title', 14, 21)], 'title');
    expect(segments.map((segment) => [segment.text, segment.highlight !== null])).toEqual([
      ['Gucci bag ', false],
      ['1:1', true],
      [' ', false],
      ['replica', true],
    ]);
    expect(segments.map((segment) => segment.text).join('')).toBe('Gucci bag 1:1 replica');
  });

  it('ignores other fields and clips overlapping or out-of-range spans', () => {
    const text = 'G*cci <b>tote</b>';
    const segments = segmentsOf(text, [mark('title', 0, 5), mark('title', 3, 8), mark('title', 15, 99), mark('description', 0, 3)], 'title');
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
    expect(segments.filter((segment) => segment.highlight).map((segment) => segment.text)).toEqual(['G*cci', ' <b', 'b>']);
  });

  it('gives one plain segment for text without highlights, even empty text', () => {
    expect(segmentsOf('', [], 'description')).toEqual([{ text: '', highlight: null }]);
  });
});

describe('readListingSubject', () => {
  it('reads what the API presents and drops malformed parts', () => {
    const subject = readListingSubject({
      screeningId: 's1',
      listingId: 'l1',
      sellerId: 'seller',
      title: 'Gucci',
      description: '',
      price: { amount: 400, currency: 'USD' },
      highlights: [{ field: 'title', start: 0, end: 5, code: 'listing.brand_disguised', label: 'Gucci: lookalike' }, { field: 'title', start: 'x' }],
      images: [{ position: 0, status: 'stored', attachment: 'listing-image-0' }],
      galleryMatches: [{ id: 'g1', attachment: 'gallery-match-0', label: 'counterfeit' }, { id: 'g2' }],
      brands: 'nonsense',
    });
    expect(subject).toMatchObject({ price: { amount: 400 }, highlights: [{ start: 0, end: 5 }], images: [{ attachment: 'listing-image-0' }], galleryMatches: [{ id: 'g1' }], brands: [] });
    expect(readListingSubject({ title: 'no id' })).toBeNull();
  });
});
