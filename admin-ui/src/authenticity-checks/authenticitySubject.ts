/**
 * Reads the `subject` the API's authenticity-check registration presents for a case
 * (api/routes/authenticity-checks/caseSubject.ts), defensively: a missing or odd field reads as
 * absent rather than breaking the page. Links the seller sent are kept only when they are
 * http(s): anything else (`javascript:`, `data:`) is shown as text, never as a link.
 */
type Loose = Record<string, unknown>;
const isRecord = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const bool = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);
const records = (value: unknown): Loose[] => (Array.isArray(value) ? value.filter(isRecord) : []);

export interface CodeReading {
  gtin: string | null;
  serial: string | null;
  batch: string | null;
  checkDigitValid: boolean | null;
  /** valid | revoked | unknown | not_enrolled; null: not looked up (no brand, no serial, a bad check digit) */
  registry: string | null;
}

export interface TypedCode extends CodeReading {
  raw: string;
  /** why it could not be read, when it could not */
  problem: string | null;
}

export interface PhotoCode extends CodeReading {
  format: string | null;
  /** null when nothing was typed to compare with */
  agreesWithTyped: boolean | null;
}

export interface CheckPhoto {
  position: number;
  kind: string;
  status: string;
  failure: string | null;
  width: number | null;
  height: number | null;
  attachment: string | null;
  codeRead: PhotoCode | null;
  findings: { code: string; severity: string; summary: string }[];
}

export interface Picture {
  position: number;
  width: number | null;
  height: number | null;
  attachment: string;
}

export interface GalleryMatch {
  id: string;
  label: string;
  brandKey: string | null;
  source: string | null;
  certainty: string | null;
  photoPositions: number[];
  attachment: string;
}

export interface OtherCheck {
  id: string;
  orderId: string;
  sellerId: string;
  status: string;
  finalOutcome: string | null;
  sameOrder: boolean;
  sameBuyer: boolean;
  createdAt: string;
}

export interface SellerPhotoLink {
  kind: string;
  url: string;
  /** false: not an http(s) URL, shown as text only */
  linkable: boolean;
}

export interface AuthenticitySubject {
  checkId: string;
  orderId: string;
  buyerId: string;
  sellerId: string;
  listingId: string | null;
  brandKey: string | null;
  status: string;
  typedCode: TypedCode | null;
  buyerNote: string | null;
  photos: CheckPhoto[];
  listingPictures: { screeningId: string; title: string; pictures: Picture[] } | null;
  galleryMatches: GalleryMatch[];
  sameCodeElsewhere: OtherCheck[];
  sameCodeElsewhereCount: number;
  sellerWindowClosesAt: string | null;
  sellerResponse: { note: string | null; photos: SellerPhotoLink[]; receivedAt: string } | null;
  sellerRecord: { last30Days: number; last90Days: number };
}

const linkable = (url: string): boolean => {
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
};

const codeReading = (value: Loose) => ({
  gtin: text(value.gtin),
  serial: text(value.serial),
  batch: text(value.batch),
  checkDigitValid: bool(value.checkDigitValid),
  registry: text(value.registry),
});

export function readAuthenticitySubject(subject: unknown): AuthenticitySubject | null {
  if (!isRecord(subject) || typeof subject.checkId !== 'string') return null;
  const typed = isRecord(subject.typedCode) && typeof subject.typedCode.raw === 'string' ? subject.typedCode : null;
  const listing = isRecord(subject.listingPictures) ? subject.listingPictures : null;
  const response = isRecord(subject.sellerResponse) ? subject.sellerResponse : null;
  const record = isRecord(subject.sellerRecord) ? subject.sellerRecord : {};
  return {
    checkId: subject.checkId,
    orderId: text(subject.orderId) ?? '',
    buyerId: text(subject.buyerId) ?? '',
    sellerId: text(subject.sellerId) ?? '',
    listingId: text(subject.listingId),
    brandKey: text(subject.brandKey),
    status: text(subject.status) ?? '',
    typedCode: typed ? { raw: typed.raw as string, problem: text(typed.problem), ...codeReading(typed) } : null,
    buyerNote: text(subject.buyerNote),
    photos: records(subject.photos).map((photo) => {
      const read = isRecord(photo.codeRead) ? photo.codeRead : null;
      return {
        position: num(photo.position) ?? 0,
        kind: text(photo.kind) ?? '',
        status: text(photo.status) ?? 'unknown',
        failure: text(photo.failure),
        width: num(photo.width),
        height: num(photo.height),
        attachment: text(photo.attachment),
        codeRead: read ? { format: text(read.format), agreesWithTyped: bool(read.agreesWithTyped), ...codeReading(read) } : null,
        findings: records(photo.findings).map((finding) => ({ code: text(finding.code) ?? '', severity: text(finding.severity) ?? '', summary: text(finding.summary) ?? '' })),
      };
    }),
    listingPictures: listing
      ? {
          screeningId: text(listing.screeningId) ?? '',
          title: text(listing.title) ?? '',
          pictures: records(listing.pictures).flatMap((picture) => {
            const attachment = text(picture.attachment);
            return attachment ? [{ position: num(picture.position) ?? 0, width: num(picture.width), height: num(picture.height), attachment }] : [];
          }),
        }
      : null,
    galleryMatches: records(subject.galleryMatches).flatMap((match) => {
      const id = text(match.id);
      const attachment = text(match.attachment);
      return id && attachment
        ? [{
            id,
            attachment,
            label: text(match.label) ?? '',
            brandKey: text(match.brandKey),
            source: text(match.source),
            certainty: text(match.certainty),
            photoPositions: Array.isArray(match.photoPositions) ? match.photoPositions.filter((position): position is number => typeof position === 'number') : [],
          }]
        : [];
    }),
    sameCodeElsewhere: records(subject.sameCodeElsewhere).map((other) => ({
      id: text(other.id) ?? '',
      orderId: text(other.orderId) ?? '',
      sellerId: text(other.sellerId) ?? '',
      status: text(other.status) ?? '',
      finalOutcome: text(other.finalOutcome),
      sameOrder: other.sameOrder === true,
      sameBuyer: other.sameBuyer === true,
      createdAt: text(other.createdAt) ?? '',
    })),
    sameCodeElsewhereCount: num(subject.sameCodeElsewhereCount) ?? records(subject.sameCodeElsewhere).length,
    sellerWindowClosesAt: text(subject.sellerWindowClosesAt),
    sellerResponse: response
      ? {
          note: text(response.note),
          receivedAt: text(response.receivedAt) ?? '',
          photos: records(response.photos).flatMap((photo) => {
            const url = text(photo.url);
            return url ? [{ kind: text(photo.kind) ?? '', url, linkable: linkable(url) }] : [];
          }),
        }
      : null,
    sellerRecord: { last30Days: num(record.last30Days) ?? 0, last90Days: num(record.last90Days) ?? 0 },
  };
}

/** Other orders' checks of the same code: the clones (a second check of the same order is not one). */
export const clonesOf = (subject: AuthenticitySubject): OtherCheck[] => subject.sameCodeElsewhere.filter((other) => !other.sameOrder);
