import { Type } from '@sinclair/typebox';

/** The shape of the `listing-screening` policy's parameters (core/listingScreening.ts ListingScreeningParameters). */
export const ListingParametersSchema = Type.Object(
  {
    priceAnomalyRatio: Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'a price below this fraction of the brand’s reference minimum is an anomaly' }),
    imageFetchTimeoutMs: Type.Integer({ minimum: 100, maximum: 60_000 }),
    imageMaxBytes: Type.Integer({ minimum: 1024, maximum: 64 * 1024 * 1024 }),
    imageMaxPixels: Type.Integer({ minimum: 10_000, maximum: 500_000_000 }),
  },
  { additionalProperties: false },
);
