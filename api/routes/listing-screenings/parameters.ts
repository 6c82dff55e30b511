import { Type } from '@sinclair/typebox';

const CurrencyCode = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, e.g. USD' });

/** The shape of the `listing-screening` policy's parameters (core/listingScreening.ts ListingScreeningParameters). */
export const ListingParametersSchema = Type.Object(
  {
    priceAnomalyRatio: Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'a price below this fraction of the brand’s reference minimum is an anomaly' }),
    preOwnedPriceAnomalyRatio: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'the same for goods the listing says are pre-owned (default 0.25)' })),
    imageFetchTimeoutMs: Type.Integer({ minimum: 100, maximum: 60_000 }),
    imageMaxBytes: Type.Integer({ minimum: 1024, maximum: 64 * 1024 * 1024 }),
    imageMaxPixels: Type.Integer({ minimum: 10_000, maximum: 500_000_000 }),
    currencyRates: Type.Optional(
      Type.Object(
        {
          base: CurrencyCode,
          rates: Type.Record(Type.RegExp(/^[A-Z]{3}$/), Type.Number({ exclusiveMinimum: 0, maximum: 1e9 }), { additionalProperties: false, description: 'units of each currency per one unit of base' }),
          asOf: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'the day the rates were read' })),
          note: Type.Optional(Type.String({ maxLength: 500 })),
        },
        { additionalProperties: false, description: 'exchange rates for comparing prices with a brand’s reference range in another currency; without a rate, no price anomaly is claimed' },
      ),
    ),
  },
  { additionalProperties: false },
);
