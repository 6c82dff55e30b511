import { VerdictView } from '../../verdictSchemas.ts';
import { Type, type Static } from '@sinclair/typebox';
import { countryCodesAlpha2 } from '../../../core/countries.ts';
import { FailureView } from '../../failureView.ts';

const Text = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, description });
/** Checked against the ISO 3166-1 list in core/reference/ (not just two capitals: "UK" and "XX" are refused). */
const CountryCode = Type.Unsafe<string>({ type: 'string', enum: [...countryCodesAlpha2], description: 'ISO 3166-1 alpha-2, e.g. GB' });

/** The marketplace's seller id: also a path parameter (erasure), so the router's limit in app.ts allows it. */
export const SELLER_ID_MAX_LENGTH = 128;
export const SellerId = Type.String({ minLength: 1, maxLength: SELLER_ID_MAX_LENGTH, pattern: '^[A-Za-z0-9._:-]+$', description: "the marketplace's id for the seller" });

export const Address = Type.Object(
  {
    line1: Text(200),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    city: Text(100),
    region: Type.Optional(Type.String({ maxLength: 100 })),
    postalCode: Text(20),
    country: CountryCode,
  },
  { additionalProperties: false },
);

/** Everything but the document image: the JSON body's fields, or the multipart `data` part. */
export const VettingApplicant = {
  sellerId: SellerId,
  applicantType: Type.Union([Type.Literal('individual'), Type.Literal('business')]),
  legalName: Text(200, 'as on the identity document'),
  dateOfBirth: Type.String({ format: 'date', description: 'in the past, and at most 130 years ago' }),
  email: Type.String({ format: 'email', maxLength: 254 }),
  phone: Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', description: 'E.164' }),
  country: CountryCode,
  address: Address,
  business: Type.Optional(Type.Object({ name: Text(200), registrationNumber: Text(64) }, { additionalProperties: false })),
  payoutAccountFingerprint: Type.String({ minLength: 8, maxLength: 128, description: "the payment provider's fingerprint of the payout account" }),
  deviceFingerprint: Type.String({ minLength: 8, maxLength: 256 }),
  ipAddress: Type.Optional(Type.Union([Type.String({ format: 'ipv4' }), Type.String({ format: 'ipv6' })])),
};

export const DocumentKind = Type.Union([Type.Literal('passport'), Type.Literal('id_card')]);

export const VettingSubmissionJson = Type.Object(
  {
    ...VettingApplicant,
    document: Type.Object(
      { kind: DocumentKind, imageBase64: Type.String({ minLength: 1, description: 'JPEG, PNG or WebP, base64' }) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, $id: 'SellerVettingSubmission' },
);
export type VettingSubmissionJson = Static<typeof VettingSubmissionJson>;

export const VettingMultipartData = Type.Object({ ...VettingApplicant, documentKind: DocumentKind }, { additionalProperties: false });
export type VettingMultipartData = Static<typeof VettingMultipartData>;

export const SellerVettingView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    sellerId: Type.String(),
    status: Type.Union([Type.Literal('received'), Type.Literal('screening'), Type.Literal('awaiting_review'), Type.Literal('completed'), Type.Literal('failed')]),
    /** final outcome approve or reject; the automated verdict approve, reject or escalate */
    verdict: VerdictView,
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    failure: FailureView,
    url: Type.String(),
  },
  { $id: 'SellerVetting' },
);

export const SellerVettingAccepted = Type.Object({
  id: Type.String({ format: 'uuid' }),
  sellerId: Type.String(),
  status: Type.String(),
  url: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
