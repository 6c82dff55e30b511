import { describe, expect, it } from 'vitest';
import type { BrandEntry } from '../../../core/listingScreening.ts';
import { labelBatches, labelModels, labelTextSignals } from './labelText.ts';

const brand = (key: string, name: string, aliases: string[] = []): BrandEntry => ({ key, name, aliases, category: 'hair tools', referencePrice: null, authorizedSellerIds: [] });
const marlowe = brand('marlowe', 'Marlowe', ['Marlowe Styling']);
const brands = [marlowe, brand('quintessa', 'Quintessa')];
const codes = (signals: { code: string }[]) => signals.map((signal) => signal.code).sort();

describe('labelBatches', () => {
  it('reads batches marked as GS1 prints them or with the usual words, in capitals without punctuation', () => {
    expect(labelBatches('(01)09506000134352 (10)AB-12 (21)X1')).toEqual(['AB12']);
    expect(labelBatches('LOT: 2405c  Made in EU')).toEqual(['2405C']);
    expect(labelBatches('Batch no. K77/2')).toEqual(['K772']);
    expect(labelBatches('lots of love, 100 ml')).toEqual([]);
  });
});

const models = [
  { name: 'Detangler', gtins: ['09506000134352'] },
  { name: 'Detangler Pro', gtins: ['09506000134369'] },
  { name: 'Silk Wave', gtins: [] },
];

describe('labelModels', () => {
  it('finds the catalog’s model names among the label’s words, the longest where one holds another', () => {
    expect(labelModels('MARLOWE DETANGLER PRO 200 ml', models).map((model) => model.name)).toEqual(['Detangler Pro']);
    expect(labelModels('marlowe detangler, lot 12', models).map((model) => model.name)).toEqual(['Detangler']);
    expect(labelModels('SILK-WAVE brush', models).map((model) => model.name)).toEqual(['Silk Wave']);
  });

  it('reads through the glyphs OCR confuses, and not inside other words', () => {
    expect(labelModels('DETANG1ER PR0', models).map((model) => model.name)).toEqual(['Detangler Pro']);
    expect(labelModels('Detanglers for all', models)).toEqual([]);
  });
});

describe('labelTextSignals', () => {
  it('says nothing about a label whose text was not read', () => {
    expect(labelTextSignals({ labels: [{ position: 0, kind: 'label', text: '  ' }], brand: marlowe, brands, codeBatch: 'L1' })).toEqual([]);
  });

  it('reads the brand named plainly and a batch that is the code’s, as information', () => {
    const signals = labelTextSignals({ labels: [{ position: 1, kind: 'label', text: 'MARLOWE Detangler LOT L2405' }], brand: marlowe, brands, codeBatch: 'L2405' });
    expect(codes(signals)).toEqual(['authenticity.label_batch_agrees', 'authenticity.label_brand_read']);
    expect(signals.filter((signal) => signal.severity !== 'info')).toEqual([]);
  });

  it('uses the listing detectors’ disguise check: a lookalike spelling of the brand, with where it was read', () => {
    const signals = labelTextSignals({ labels: [{ position: 2, kind: 'label', text: 'MARL0WE Detangler' }], brand: marlowe, brands, codeBatch: null });
    const disguised = signals.find((signal) => signal.code === 'authenticity.label_brand_disguised');
    expect(disguised).toMatchObject({ severity: 'high', evidence: { position: 2, kind: 'label', brandKey: 'marlowe', text: 'MARL0WE' } });
  });

  it('uses the listing detectors’ cue check on the label’s words', () => {
    const signals = labelTextSignals({ labels: [{ position: 0, kind: 'packaging', text: 'Premium replica of Marlowe' }], brand: marlowe, brands, codeBatch: null });
    expect(signals.find((signal) => signal.code === 'authenticity.label_counterfeit_cue')).toMatchObject({ evidence: { position: 0, kind: 'packaging' } });
  });

  it('calls a batch on the label that is not the code’s a mismatch, for a person', () => {
    const signals = labelTextSignals({ labels: [{ position: 0, kind: 'label', text: 'Marlowe (10)B2301' }], brand: marlowe, brands, codeBatch: 'B2502C' });
    expect(signals.find((signal) => signal.code === 'authenticity.label_batch_mismatch')).toMatchObject({ severity: 'high', evidence: { codeBatch: 'B2502C', labelBatches: ['B2301'] } });
  });

  it('takes a batch read with a glyph OCR confuses for the code’s, as information, and another batch still as a mismatch', () => {
    const read = (text: string, codeBatch: string) => codes(labelTextSignals({ labels: [{ position: 0, kind: 'label', text }], brand: marlowe, brands, codeBatch }));
    // B read as 8, O as 0: the same batch
    expect(read('Marlowe LOT 82507-12', 'B2507-12')).toContain('authenticity.label_batch_misread');
    expect(read('Marlowe LOT K77O4', 'K7704')).toContain('authenticity.label_batch_misread');
    // one glyph off in a batch of six: most likely a misread
    expect(read('Marlowe LOT B2665U', 'B2605U')).toContain('authenticity.label_batch_misread');
    // another batch altogether, and one glyph off in a batch too short to tell
    expect(read('Marlowe LOT C1187X', 'B2605U')).toContain('authenticity.label_batch_mismatch');
    expect(read('Marlowe LOT A17', 'A19')).toContain('authenticity.label_batch_mismatch');
    expect(read('Marlowe LOT 82507-12', 'B2507-12')).not.toContain('authenticity.label_batch_mismatch');
  });

  it('names another brand read plainly on the label only as that brand, not as the check’s', () => {
    const signals = labelTextSignals({ labels: [{ position: 0, kind: 'label', text: 'QUINTESSA hair oil' }], brand: marlowe, brands, codeBatch: null });
    expect(codes(signals)).not.toContain('authenticity.label_brand_read');
  });

  it('asks a moderator about a label naming another model than the code’s GTIN, and agrees with one naming the GTIN’s', () => {
    const label = (text: string) => labelTextSignals({ labels: [{ position: 3, kind: 'packaging', text }], brand: marlowe, brands, codeBatch: null, models, codeGtin: '09506000134352' });
    const other = label('MARLOWE Detangler Pro');
    expect(other.find((signal) => signal.code === 'authenticity.label_model_mismatch')).toMatchObject({
      severity: 'high',
      evidence: { position: 3, kind: 'packaging', codeModel: 'Detangler', labelModels: ['Detangler Pro'] },
    });
    expect(codes(label('MARLOWE Detangler')).filter((code) => code.includes('model'))).toEqual(['authenticity.label_model_agrees']);
    // a model listed without GTINs is still another model than the code's; a code whose GTIN no model holds settles nothing
    expect(codes(label('MARLOWE Silk Wave')).filter((code) => code.includes('model'))).toEqual(['authenticity.label_model_mismatch']);
    const unlinked = labelTextSignals({ labels: [{ position: 3, kind: 'label', text: 'MARLOWE Detangler Pro' }], brand: marlowe, brands, codeBatch: null, models, codeGtin: '00012345600012' });
    expect(codes(unlinked).filter((code) => code.includes('model'))).toEqual([]);
  });
});
