/**
 * What a buyer's code says about the unit: read as GS1 does (parse.ts), then compared with the
 * brand (its GTINs, its serial pattern), the brand's registry (issued, revoked, never issued) and
 * other checks (the same GTIN and serial sent from another order is a cloned code: counterfeiters
 * print one genuine code on many units).
 *
 * The code looked up is the item's (itemCode.ts): printed on the buyer's own photo, else typed.
 *
 * Hard evidence (critical): a revoked code, a serial the enrolled brand never issued, a clone.
 * Not hard (a moderator looks): a GTIN that is not the brand's, a serial breaking the brand's
 * pattern, a check digit that does not add up in a typed code (buyers mistype); anything about a
 * code that came only with a photo copied from another order's check (it is that order's code:
 * the buyer did not photograph the item, which proves no clone). Positive evidence (info): a code
 * the brand's registry says it issued. A brand that keeps no registry here can only be
 * contradicted, never confirmed, by a code.
 *
 * Misses: a genuine code copied onto a fake before the genuine unit is ever checked (the first
 * check of a cloned code looks valid until a second order sends it); codes of brands with no
 * GTINs or pattern on file.
 */
import type { Signal } from '../../../core/signals.ts';
import type { CodeSource } from './itemCode.ts';
import { readProductCode, type ParsedCode } from './parse.ts';
import { serialMatchesPattern } from './serialPattern.ts';

export { brandNamed, inferBrand, itemCodeOf, type BrandOfCode, type CodeOnPhoto, type CodeSource, type InferredBrand, type ItemCode } from './itemCode.ts';

export const detector = { id: 'product-codes', version: '1' };

export interface CodeBrand {
  key: string;
  name: string;
  /** 14 digits each; empty when the brand lists none */
  gtins: string[];
  serialPattern: string | null;
  codeRegistry: 'none' | 'bonafide';
}

export type RegistryAnswer = 'valid' | 'revoked' | 'unknown' | 'not_enrolled';

export interface OtherCheck {
  checkId: string;
  orderId: string;
  createdAt: string;
}

export interface CodeCheckInput {
  /** the item's code (itemCode.ts): typed, or read from a photo */
  claimedCode: string | null;
  /** where it comes from; typed when absent */
  source?: CodeSource;
  /** for a code that came with a copied photo: that photo, the check it copies, and whether the match was only unsure */
  copiedFrom?: { position: number; checkId: string; unsure: boolean };
  brand: CodeBrand | null;
  /** how the brand was known: named by the check (when absent), or inferred from the code's GTIN or the listing's claimed brand */
  brandFrom?: 'check' | 'gtin' | 'listing';
  /** the registry's answer for the code's (gtin, serial); null when there was nothing to look up */
  registry: RegistryAnswer | null;
  /** earlier checks of other orders that sent the same GTIN and serial */
  otherOrders: OtherCheck[];
}

const signal = (code: string, severity: Signal['severity'], score: number, summary: string, evidence: Signal['evidence']): Signal => ({ code, severity, score, summary, evidence, detector });

/** The code's reading, for the activity that looks it up (gtin and serial), or null. */
export function readCode(claimedCode: string | null): ParsedCode | null {
  if (!claimedCode) return null;
  const reading = readProductCode(claimedCode);
  return reading.ok ? reading.code : null;
}

export function codeSignals(input: CodeCheckInput): Signal[] {
  const inferred =
    input.brand && input.brandFrom && input.brandFrom !== 'check'
      ? [signal('authenticity.brand_inferred', 'info', 0, `The check names no brand: ${input.brand.name}, ${input.brandFrom === 'gtin' ? "whose GTINs include the code's" : 'the brand the listing claims'}`, { brandKey: input.brand.key, from: input.brandFrom })]
      : [];
  return [...inferred, ...codeSignalsOf(input)];
}

function codeSignalsOf(input: CodeCheckInput): Signal[] {
  if (!input.claimedCode) return [signal('authenticity.code_missing', 'medium', 0.5, 'No code was sent: nothing to check it against', {})];
  const reading = readProductCode(input.claimedCode);
  if (!reading.ok) return [signal('authenticity.code_unreadable', 'medium', 0.5, `The code could not be read as a GTIN, GS1 element string or Digital Link (${reading.problem})`, { problem: reading.problem })];
  const code = reading.code;
  const source = input.source ?? 'typed';
  const parts = { gtin: code.gtin, serial: code.serial, format: code.format, source };
  if (source === 'copied_photo') return [copiedPhotoCode(input, parts)];
  const signals: Signal[] = [];
  if (!code.gtinCheckDigitValid) {
    signals.push(signal('authenticity.code_check_digit_invalid', 'medium', 0.6, `The GTIN ${code.gtin}'s check digit does not add up: ${source === 'typed' ? 'mistyped, or not a real code' : 'not a real code'}`, parts));
  }
  const brand = input.brand;
  if (brand) {
    if (brand.gtins.length > 0 && !brand.gtins.includes(code.gtin)) {
      signals.push(signal('authenticity.gtin_not_of_brand', 'high', 0.8, `GTIN ${code.gtin} is not one of ${brand.name}'s`, { ...parts, brandKey: brand.key, brandGtins: brand.gtins.length }));
    }
    if (code.serial !== null && brand.serialPattern && !serialMatchesPattern(brand.serialPattern, code.serial)) {
      signals.push(signal('authenticity.serial_pattern_mismatch', 'high', 0.8, `Serial ${code.serial} does not follow ${brand.name}'s serial format`, { ...parts, brandKey: brand.key }));
    }
    if (brand.codeRegistry === 'bonafide' && code.serial === null) {
      signals.push(signal('authenticity.serial_missing', 'medium', 0.4, `${brand.name} registers every unit's serial, and the code carries none`, { ...parts, brandKey: brand.key }));
    }
  }
  if (input.registry === 'revoked') signals.push(signal('authenticity.code_revoked', 'critical', 1, `${brand?.name ?? 'The brand'} revoked this code`, { ...parts, registry: 'revoked' }));
  else if (input.registry === 'unknown') signals.push(signal('authenticity.code_unknown', 'critical', 0.95, `${brand?.name ?? 'The brand'} never issued this serial`, { ...parts, registry: 'unknown' }));
  else if (input.registry === 'valid') signals.push(signal('authenticity.code_verified', 'info', 1, `${brand?.name ?? 'The brand'} issued this code`, { ...parts, registry: 'valid' }));
  if (input.otherOrders.length > 0 && code.serial !== null) {
    const orders = [...new Set(input.otherOrders.map((other) => other.orderId))];
    signals.push(
      signal('authenticity.code_cloned', 'critical', 1, `The same code was sent for ${orders.length} other order(s): one unit's code printed on many`, {
        ...parts,
        otherOrders: orders.length,
        otherChecks: input.otherOrders.map((other) => other.checkId),
        firstSeenAt: input.otherOrders.map((other) => other.createdAt).sort()[0] ?? null,
      }),
    );
  }
  return signals;
}

/** A code that came only with a photo copied from another order's check: what the lookups say of it, for the moderator, and nothing about the item. */
function copiedPhotoCode(input: CodeCheckInput, parts: { gtin: string; serial: string | null; format: string; source: CodeSource }): Signal {
  const orders = [...new Set(input.otherOrders.map((other) => other.orderId))];
  const copy = input.copiedFrom?.unsure ? 'a photo very like one of another order’s check with the same code' : "a photo copied from another order's check";
  return signal('authenticity.code_on_copied_photo', 'high', 0.8, `The code is the one on ${copy}: that order's code, not proof of this item's (neither a clone nor a fake)`, {
    ...parts,
    position: input.copiedFrom?.position ?? null,
    copiedFrom: input.copiedFrom?.checkId ?? null,
    unsureCopy: input.copiedFrom?.unsure ?? false,
    brandKey: input.brand?.key ?? null,
    registry: input.registry,
    otherOrders: orders.length,
    otherChecks: input.otherOrders.map((other) => other.checkId),
  });
}
