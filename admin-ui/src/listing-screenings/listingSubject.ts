/**
 * Reads the `subject` the API's listing-screening registration presents for a case
 * (api/routes/listing-screenings/caseSubject.ts), defensively, and splits the listing's text
 * into plain and highlighted segments for the evidence panel (rendered as text, never as HTML).
 */
export interface Highlight {
  field: string;
  start: number;
  end: number;
  code: string;
  label: string;
}

export interface ListingPicture {
  position: number;
  status: string;
  failure: string | null;
  sourceUrl: string | null;
  width: number | null;
  height: number | null;
  attachment: string | null;
}

export interface GalleryMatch {
  id: string;
  label: string;
  brandKey: string | null;
  width: number | null;
  height: number | null;
  attachment: string;
}

export interface ListingSubject {
  screeningId: string;
  listingId: string;
  sellerId: string;
  title: string;
  description: string;
  price: { amount: number; currency: string } | null;
  claimedBrand: string | null;
  category: string | null;
  trigger: string;
  highlights: Highlight[];
  images: ListingPicture[];
  galleryMatches: GalleryMatch[];
  brands: { key: string; name: string; category: string | null; referencePrice: { currency: string; min: number; max: number } | null; authorizedSellerCount: number }[];
}

type Loose = Record<string, unknown>;
const isRecord = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const list = (value: unknown): Loose[] => (Array.isArray(value) ? value.filter(isRecord) : []);

export function readListingSubject(subject: unknown): ListingSubject | null {
  if (!isRecord(subject) || typeof subject.screeningId !== 'string') return null;
  const price = isRecord(subject.price) && number(subject.price.amount) !== null && text(subject.price.currency) ? { amount: subject.price.amount as number, currency: subject.price.currency as string } : null;
  return {
    screeningId: subject.screeningId,
    listingId: text(subject.listingId) ?? '',
    sellerId: text(subject.sellerId) ?? '',
    title: text(subject.title) ?? '',
    description: text(subject.description) ?? '',
    price,
    claimedBrand: text(subject.claimedBrand),
    category: text(subject.category),
    trigger: text(subject.trigger) ?? 'submission',
    highlights: list(subject.highlights).flatMap((item) => {
      const start = number(item.start);
      const end = number(item.end);
      const field = text(item.field);
      return field !== null && start !== null && end !== null && end > start ? [{ field, start, end, code: text(item.code) ?? '', label: text(item.label) ?? '' }] : [];
    }),
    images: list(subject.images).map((item) => ({
      position: number(item.position) ?? 0,
      status: text(item.status) ?? 'unknown',
      failure: text(item.failure),
      sourceUrl: text(item.sourceUrl),
      width: number(item.width),
      height: number(item.height),
      attachment: text(item.attachment),
    })),
    galleryMatches: list(subject.galleryMatches).flatMap((item) => {
      const id = text(item.id);
      const attachment = text(item.attachment);
      return id && attachment ? [{ id, attachment, label: text(item.label) ?? '', brandKey: text(item.brandKey), width: number(item.width), height: number(item.height) }] : [];
    }),
    brands: list(subject.brands).map((item) => ({
      key: text(item.key) ?? '',
      name: text(item.name) ?? '',
      category: text(item.category),
      referencePrice: isRecord(item.referencePrice) && number(item.referencePrice.min) !== null && number(item.referencePrice.max) !== null
        ? { currency: text(item.referencePrice.currency) ?? '', min: item.referencePrice.min as number, max: item.referencePrice.max as number }
        : null,
      authorizedSellerCount: number(item.authorizedSellerCount) ?? 0,
    })),
  };
}

export interface Segment {
  text: string;
  highlight: Highlight | null;
}

/**
 * The field's text cut at its highlights (UTF-16 offsets, as the API gives them); overlapping or
 * out-of-range highlights are clipped, so every character appears exactly once.
 */
export function segmentsOf(value: string, highlights: readonly Highlight[], field: string): Segment[] {
  const own = highlights.filter((highlight) => highlight.field === field).sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: Segment[] = [];
  let at = 0;
  for (const highlight of own) {
    const start = Math.max(at, Math.min(highlight.start, value.length));
    const end = Math.min(highlight.end, value.length);
    if (end <= start) continue;
    if (start > at) segments.push({ text: value.slice(at, start), highlight: null });
    segments.push({ text: value.slice(start, end), highlight });
    at = end;
  }
  if (at < value.length || segments.length === 0) segments.push({ text: value.slice(at), highlight: null });
  return segments;
}
