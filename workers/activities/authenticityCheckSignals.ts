/**
 * What a check's code and label say, once its photos are examined: the item's code (printed on
 * the buyer's own photo, else typed: productCodes/itemCode.ts) looked up in the brand (named by the
 * check, else inferred from the code's GTIN or the listing), the brand's registry and other
 * orders' checks with the same code; the label's words against the brand. The screening activity
 * runs it after the photos; a check with a code and no photos runs it at intake, in the
 * transaction that stores it (api/routes/authenticity-checks/intakeDecision.ts), so both answer
 * from the same reads and detectors.
 *
 * Everything it reads is one statement on the pool (`readCheckFacts`): a check at intake is
 * decided in a few round trips, and the ORM's per-query cost (about ten times the driver's here)
 * would be most of its time.
 *
 * Clones are found by reading other orders' checks with the same unit code, so two checks of one
 * unit must not read at once and each miss the other: the read runs in a transaction that holds
 * the unit code's lock (`lockUnitCode`), which intake takes before it stores its check.
 */
import type { AuthenticityPhotoKind } from '../../core/authenticityCheck.ts';
import { brandEntryOf, brandModelsOf, type StoredBrand } from '../../core/listingScreening.ts';
import type { Signal } from '../../core/signals.ts';
import { sql, utcTimestamp, type SqlRunner } from '../../core/sql.ts';
import { codeSignals, inferBrand, itemCodeOf, readCode, type ItemCode, type RegistryAnswer } from '../detectors/productCodes/index.ts';
// the label detector alone: the photo readers (zxing, sharp) stay out of the API that runs this at intake
import { labelTextSignals } from '../detectors/authenticityPhotos/labelText.ts';
import shippedAuthenticityCheckPolicy from '../policy/authenticityCheckPolicy.v2.json' with { type: 'json' };
import type { PolicyRules } from '../policy/policy.ts';
import type { PhotoExamination } from './authenticityPhotos.ts';

/** The policy's shipped rules, installed as version 1 the first time a check is decided. */
export const SHIPPED_AUTHENTICITY_POLICY = shippedAuthenticityCheckPolicy as PolicyRules;

/** The examination of a check that has no photos. */
export const NO_PHOTOS: PhotoExamination = { signals: [], codesRead: [], photos: 0 };

/** A brand as the checks read it. */
export interface CheckBrand extends StoredBrand {
  gtins: string[];
  serialPattern: string | null;
  codeRegistry: string;
}

/** The check's own fields the reads and detectors use. */
export interface CheckOfSignals {
  id: string;
  tenantId: string;
  orderId: string;
  brandKey: string | null;
  listingId: string | null;
  claimedCode: string | null;
  codeGtin: string | null;
  codeSerial: string | null;
  createdAt: Date;
}

/** What the database says around a check and a code, read in one statement. */
export interface CheckFacts {
  /** the code the unit facts are about */
  code: { gtin: string; serial: string | null } | null;
  named: CheckBrand | null;
  /** the marketplace's brands, read when the check names none */
  brands: CheckBrand[];
  listingClaimedBrand: string | null;
  /** the registry's row of the code's GTIN and serial, whichever brand it is */
  issued: { brandKey: string; status: string; batch: string | null } | null;
  /** checks of the same code from other orders, sent before this one (at most 20, oldest first) */
  otherOrders: { id: string; orderId: string; createdAt: Date }[];
}

const BRAND_COLUMNS = `key, name, aliases, category, reference_currency AS "referenceCurrency", reference_min::text AS "referenceMin", reference_max::text AS "referenceMax",
  authorized_seller_ids AS "authorizedSellerIds", gtins, serial_pattern AS "serialPattern", code_registry AS "codeRegistry", models`;

/** The facts of `check` and `code` (its unit's registry row and other orders' checks; none without a code). */
export async function readCheckFacts(runner: SqlRunner, check: CheckOfSignals, code: { gtin: string; serial: string | null } | null): Promise<CheckFacts> {
  const [row] = await runner.rows<{ named: CheckBrand | null; brands: CheckBrand[]; listing_claimed_brand: string | null; issued: CheckFacts['issued']; other_orders: { id: string; orderId: string; createdAt: string }[] }>(
    sql(
      `SELECT
         (SELECT to_jsonb(brand) FROM (SELECT ${BRAND_COLUMNS} FROM brands WHERE tenant_id = $1::uuid AND key = $2) AS brand) AS named,
         CASE WHEN $2::text IS NULL THEN (SELECT COALESCE(jsonb_agg(brand ORDER BY brand.key), '[]'::jsonb) FROM (SELECT ${BRAND_COLUMNS} FROM brands WHERE tenant_id = $1::uuid) AS brand) ELSE '[]'::jsonb END AS brands,
         CASE WHEN $2::text IS NULL AND $3::text IS NOT NULL
           THEN (SELECT claimed_brand FROM listing_screenings WHERE tenant_id = $1::uuid AND listing_id = $3 AND claimed_brand IS NOT NULL ORDER BY created_at DESC LIMIT 1) END AS listing_claimed_brand,
         (SELECT jsonb_build_object('brandKey', brand_key, 'status', status, 'batch', batch) FROM brand_codes WHERE tenant_id = $1::uuid AND gtin = $4 AND serial = $5) AS issued,
         (SELECT COALESCE(jsonb_agg(jsonb_build_object('id', other.id, 'orderId', other.order_id, 'createdAt', other.created_at) ORDER BY other.created_at), '[]'::jsonb)
            FROM (SELECT id, order_id, created_at FROM authenticity_checks
                  WHERE tenant_id = $1::uuid AND code_gtin = $4 AND code_serial = $5 AND order_id <> $6 AND created_at <= $7::timestamp AND id <> $8::uuid
                  ORDER BY created_at ASC LIMIT 20) AS other) AS other_orders`,
      [check.tenantId, check.brandKey, check.listingId, code?.gtin ?? null, code?.serial ?? null, check.orderId, utcTimestamp(check.createdAt), check.id],
    ),
  );
  return {
    code,
    named: row!.named,
    brands: row!.brands,
    listingClaimedBrand: row!.listing_claimed_brand,
    issued: row!.issued,
    // jsonb holds the timestamp without its zone: it is UTC, as every timestamp here
    otherOrders: row!.other_orders.map((other) => ({ id: other.id, orderId: other.orderId, createdAt: new Date(`${other.createdAt}Z`) })),
  };
}

/** The brand of a code's GTIN: the check's own, else inferred (the GTIN's, else the listing's). */
export function brandOf(facts: CheckFacts, gtin: string | null): { brand: CheckBrand; from: 'check' | 'gtin' | 'listing' } | null {
  return facts.named ? { brand: facts.named, from: 'check' } : inferBrand(facts.brands, { gtin, listingClaimedBrand: facts.listingClaimedBrand });
}

/**
 * Holds, until the transaction ends, the lock of one unit code: checks of the same code read each
 * other's rows one after the other.
 */
export async function lockUnitCode(runner: SqlRunner, unit: TenantUnit): Promise<void> {
  await runner.rows(sql('SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended($1, 0))) AS unit_lock', [unitLockKey(unit)]));
}

/** A unit code within one marketplace (the detectors' `UnitCode` carries no tenant). */
export interface TenantUnit {
  tenantId: string;
  gtin: string;
  serial: string;
}

/** The key of a unit code's lock (hashed by `hashtextextended` in SQL), for a statement that takes it itself. */
export const unitLockKey = (unit: TenantUnit): string => `${unit.tenantId}/${unit.gtin}/${unit.serial}`;

/** The item's code of a check whose photos are examined, and the unit it names (null when none is the item's own). */
export function itemOfCheck(check: Pick<CheckOfSignals, 'tenantId' | 'claimedCode'>, photos: PhotoExamination) {
  // printed on the buyer's own photo, else typed or scanned, else only on a copied photo (itemCode.ts)
  const item: ItemCode | null = itemCodeOf(check.claimedCode, photos.codesRead.map((read) => ({ raw: read.raw, position: read.position, copied: read.copiedFrom !== null })));
  const code = item ? readCode(item.raw) : null;
  // the item's code is what other checks' codes are compared with; a code only on a copied photo is not the item's
  const ownCode = item?.source === 'copied_photo' ? null : code;
  const unit = ownCode?.serial ? { tenantId: check.tenantId, gtin: ownCode.gtin, serial: ownCode.serial } : null;
  return { item, code, ownCode, unit };
}

/**
 * The code and label signals beside the photos' own; stores the item's code on the check (what
 * later checks compare theirs with). `runner` is a transaction holding the lock of the item's unit
 * (`itemOfCheck(...).unit`, when there is one).
 */
export async function signalsOfCheck(runner: SqlRunner, check: CheckOfSignals, photos: PhotoExamination): Promise<Signal[]> {
  const { item, code, ownCode } = itemOfCheck(check, photos);
  // a code that came with a copied photo: which photo, and the check it copies
  const copied = item?.source === 'copied_photo' ? photos.codesRead.find((read) => read.position === item.position && read.copiedFrom !== null) : undefined;
  if (check.codeGtin !== (ownCode?.gtin ?? null) || check.codeSerial !== (ownCode?.serial ?? null)) {
    await runner.run(sql('UPDATE authenticity_checks SET code_gtin = $2, code_serial = $3, updated_at = now() WHERE id = $1::uuid', [check.id, ownCode?.gtin ?? null, ownCode?.serial ?? null]));
  }
  const facts = await readCheckFacts(runner, check, code);
  const inferred = brandOf(facts, code?.gtin ?? null);
  const brand = inferred?.brand ?? null;
  let registry: RegistryAnswer | null = null;
  // the batch the registry records for the unit, for the label's batch to be compared with
  let registeredBatch: string | null = null;
  // the registry is asked only about the brand's own GTINs: another product's barcode proves nothing
  const brandsGtin = brand !== null && code !== null && (brand.gtins.length === 0 || brand.gtins.includes(code.gtin));
  if (brand && code?.serial && brandsGtin) {
    if (brand.codeRegistry !== 'bonafide') registry = 'not_enrolled';
    else {
      const issued = facts.issued;
      registry = !issued || issued.brandKey !== brand.key ? 'unknown' : issued.status === 'revoked' ? 'revoked' : 'valid';
      if (issued && issued.brandKey === brand.key) registeredBatch = issued.batch;
    }
  }
  // the words read on the label and packaging photos, against the brand and the code's batch (the registry's record, else the code's own)
  const labels =
    photos.photos === 0
      ? []
      : await runner.rows<{ position: number; kind: string; ocr_text: string }>(
          sql('SELECT position, kind, ocr_text FROM authenticity_check_photos WHERE check_id = $1::uuid AND replaced_at IS NULL AND ocr_text IS NOT NULL ORDER BY position', [check.id]),
        );
  const everyBrand = async () => (facts.brands.length > 0 ? facts.brands : (await readCheckFacts(runner, { ...check, brandKey: null }, null)).brands);
  const labelSignals =
    labels.length === 0
      ? []
      : labelTextSignals({
          labels: labels.map((label) => ({ position: label.position, kind: label.kind as AuthenticityPhotoKind, text: label.ocr_text })),
          brand: brand ? brandEntryOf(brand) : null,
          brands: (await everyBrand()).map(brandEntryOf),
          // a code only on a copied photo is not the item's: neither is its batch
          codeBatch: ownCode ? (registeredBatch ?? ownCode.batch) : null,
          // which model the code is, where the catalog says: only for the brand's own GTINs
          models: brand ? brandModelsOf(brand) : [],
          codeGtin: ownCode && brandsGtin ? ownCode.gtin : null,
        });
  return [
    ...photos.signals,
    ...labelSignals,
    ...codeSignals({
      claimedCode: item?.raw ?? null,
      source: item?.source ?? 'typed',
      ...(copied?.copiedFrom ? { copiedFrom: { position: copied.position, checkId: copied.copiedFrom.otherId, unsure: copied.copiedFrom.unsure } } : {}),
      brand: brand ? { key: brand.key, name: brand.name, gtins: brand.gtins, serialPattern: brand.serialPattern, codeRegistry: brand.codeRegistry === 'bonafide' ? 'bonafide' : 'none' } : null,
      brandFrom: inferred?.from ?? 'check',
      registry,
      otherOrders: facts.otherOrders.map((other) => ({ checkId: other.id, orderId: other.orderId, createdAt: other.createdAt.toISOString() })),
    }),
  ];
}
