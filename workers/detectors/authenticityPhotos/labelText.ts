/**
 * The words read from a buyer's label photos (OCR, as the listing pictures' text is read),
 * compared with the brand and with the batch the code carries. The brand checks are the listing
 * text detectors' own (listingBrands: a lookalike spelling of the brand; listingCues: "replica",
 * "inspired by" and the like), applied to the label's text as to the text of a listing picture.
 *
 * For a moderator (high): the label spells the brand as a lookalike; the label prints a batch that
 * is not the batch the code carries. Medium or high as the cue is: a counterfeit cue on the label.
 * Info: the label names the brand plainly; the label's batch is the code's, or the code's read
 * with a glyph OCR confuses (a B as 8: label_batch_misread, never a mismatch).
 *
 * A batch is read where the label marks it as GS1 prints it in human-readable form ("(10)") or
 * with the usual words in front of it ("LOT", "BATCH", "B/N"); a batch the label prints without a
 * marker is not read, and a batch OCR misreads is compared as misread, so a mismatch never refunds
 * on its own (it is a case, not hard evidence).
 *
 * A model is read where the label prints the name of one of the brand's models (the catalog's,
 * compared through the glyphs OCR confuses, the longest name where one holds another). When the
 * code's GTIN is one of the brand's models', a label naming another model of the brand and not
 * the GTIN's is for a moderator (high: the box or label of another product, as fakes reuse); one
 * naming the GTIN's model agrees (info).
 *
 * Misses: whatever OCR does not read (small print, glare, a curved label); a model the catalog
 * does not list, or whose GTINs it does not give; another brand's model on the label.
 */
import { distance } from 'fuzzball';
import type { AuthenticityPhotoKind } from '../../../core/authenticityCheck.ts';
import type { BrandEntry, BrandModel } from '../../../core/listingScreening.ts';
import type { Signal } from '../../../core/signals.ts';
import { brandSignals, brandThresholds, findBrandMentions, prepareField, type TextField } from '../listingBrands/index.ts';
import { cueSignals, findCues } from '../listingCues/index.ts';

export const detector = { id: 'authenticity-label-text', version: '2' };

export interface LabelText {
  position: number;
  kind: AuthenticityPhotoKind;
  /** the words OCR read, as read */
  text: string;
}

export interface LabelTextInput {
  labels: readonly LabelText[];
  /** the brand the check is of, if known; the catalog is every brand of the marketplace */
  brand: BrandEntry | null;
  brands: readonly BrandEntry[];
  /** the batch the code carries (GS1 AI 10, or the registry's record of the unit), if any */
  codeBatch: string | null;
  /** the brand's models, and the code's GTIN (14 digits) when it is one of the brand's */
  models?: readonly BrandModel[];
  codeGtin?: string | null;
}

/** A batch as the label marks it: the marker, then 1-20 of GS1's characters (no spaces), at least one a digit. */
const BATCH_MARKED = /(?:\(10\)|\b(?:lot|batch)(?:\s*no\b\.?)?|\bb\/n\b)\s*[:#.]?\s*([A-Z0-9][A-Z0-9\-/.]{0,19})/gi;

/** Batches compared as letters and digits only, in capitals: OCR drops and adds punctuation. */
const comparable = (batch: string) => batch.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * Characters OCR takes for one another in print (a B read as 8, an O as 0, an I as 1), each
 * class written as one: a batch compared through them does not differ by a misread glyph.
 */
const OCR_LOOKALIKES: Record<string, string> = { O: '0', D: '0', Q: '0', I: '1', L: '1', S: '5', B: '8', Z: '2', G: '6' };
const asRead = (batch: string) => [...batch].map((character) => OCR_LOOKALIKES[character] ?? character).join('');

/**
 * A batch read on the label that is the code's but for what OCR misreads: the same through the
 * lookalike classes, or one character apart in a batch of four or more. Printing another batch
 * changes more than one glyph, or a glyph OCR does not confuse in a short one; a single misread
 * glyph is what a photo's blur, glare or a tilt does (B2507-12 read 82507-12).
 */
function misreadOf(printed: string, expected: string): boolean {
  const [read, code] = [asRead(printed), asRead(expected)];
  return read === code || (Math.min(read.length, code.length) >= 4 && distance(read, code) <= 1);
}

/** Words in capitals, letters and digits only, through the glyphs OCR confuses, one space between, and one around. */
const asReadWords = (text: string) => ` ${asRead(text.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().replace(/[^A-Z0-9]+/g, ' ').trim())} `;

/** The models a label names: their names among its words, a name left out where a longer one named holds it. */
export function labelModels(text: string, models: readonly BrandModel[]): BrandModel[] {
  const words = asReadWords(text);
  const named = models.map((model) => ({ model, words: asReadWords(model.name) })).filter((entry) => entry.words.trim() !== '' && words.includes(entry.words));
  return named.filter((entry) => !named.some((other) => other !== entry && other.words.length > entry.words.length && other.words.includes(entry.words))).map((entry) => entry.model);
}

export function labelBatches(text: string): string[] {
  return [...text.matchAll(BATCH_MARKED)].map((match) => comparable(match[1]!)).filter((batch) => /\d/.test(batch));
}

const signal = (code: string, severity: Signal['severity'], score: number, summary: string, evidence: Signal['evidence']): Signal => ({ code, severity, score, summary, evidence, detector });

export function labelTextSignals(input: LabelTextInput): Signal[] {
  const fields: TextField[] = input.labels.filter((label) => label.text.trim().length > 0).map((label) => ({ field: `image:${label.position}` as const, text: label.text }));
  if (fields.length === 0) return [];
  const kindOf = new Map(input.labels.map((label) => [`image:${label.position}`, label]));
  const where = (field: string) => ({ position: kindOf.get(field)?.position ?? null, kind: kindOf.get(field)?.kind ?? null });

  const prepared = fields.map(prepareField);
  const mentions = findBrandMentions(prepared, input.brands, brandThresholds, input.brand ? { claimedBrandKey: input.brand.key } : {});
  const cues = findCues(prepared, mentions);
  const signals: Signal[] = [];

  // the listing detectors' findings, renamed for a label and placed on its photo
  for (const found of brandSignals(mentions)) {
    const field = String(found.evidence.field);
    if (found.code === 'listing.brand_disguised') {
      signals.push(signal('authenticity.label_brand_disguised', 'high', found.score, `The label spells the brand ${String(found.evidence.brandName)} as "${String(found.evidence.text)}"`, { ...where(field), ...found.evidence }));
    } else if (found.code === 'listing.brand_mentioned' && (!input.brand || found.evidence.brandKey === input.brand.key)) {
      signals.push(signal('authenticity.label_brand_read', 'info', 0, `The label names the brand ${String(found.evidence.brandName)}`, { ...where(field), brandKey: String(found.evidence.brandKey), text: String(found.evidence.text) }));
    }
  }
  for (const cue of cueSignals(cues)) {
    const field = String(cue.evidence.field);
    signals.push(signal('authenticity.label_counterfeit_cue', cue.severity, cue.score, `The label says "${String(cue.evidence.phrase)}" (${String(cue.evidence.cue).replaceAll('_', ' ')})`, { ...where(field), cue: String(cue.evidence.cue), phrase: String(cue.evidence.phrase) }));
  }

  const gtinModel = input.codeGtin ? input.models?.find((model) => model.gtins.includes(input.codeGtin!)) : undefined;
  if (gtinModel) {
    for (const label of input.labels) {
      const named = labelModels(label.text, input.models ?? []);
      if (named.length === 0) continue;
      const evidence = { position: label.position, kind: label.kind, codeGtin: input.codeGtin!, codeModel: gtinModel.name, labelModels: named.map((model) => model.name) };
      if (named.includes(gtinModel)) signals.push(signal('authenticity.label_model_agrees', 'info', 0, `The label names ${gtinModel.name}, the model of the code's GTIN`, evidence));
      else signals.push(signal('authenticity.label_model_mismatch', 'high', 0.6, `The label names ${named[0]!.name}; the code's GTIN is the ${gtinModel.name}'s`, evidence));
    }
  }

  if (input.codeBatch) {
    const expected = comparable(input.codeBatch);
    for (const label of input.labels) {
      const printed = labelBatches(label.text);
      if (printed.length === 0) continue;
      const evidence = { position: label.position, kind: label.kind, codeBatch: input.codeBatch, labelBatches: printed };
      if (printed.includes(expected)) signals.push(signal('authenticity.label_batch_agrees', 'info', 0, `The label's batch is the code's (${input.codeBatch})`, evidence));
      else if (printed.some((batch) => misreadOf(batch, expected))) {
        signals.push(signal('authenticity.label_batch_misread', 'info', 0, `The label's batch reads ${printed[0]}, the code's ${input.codeBatch} with a glyph misread: most likely the same batch`, evidence));
      } else signals.push(signal('authenticity.label_batch_mismatch', 'high', 0.7, `The label prints batch ${printed[0]}, the code carries ${input.codeBatch}`, evidence));
    }
  }
  return signals;
}
