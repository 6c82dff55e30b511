import { describe, expect, it } from 'vitest';
import { inferBrand, itemCodeOf, type BrandOfCode, type CodeOnPhoto } from './itemCode.ts';

const GTIN = '09506000134352';
const onPhoto = (raw: string, position = 0, copied = false): CodeOnPhoto => ({ raw, position, copied });

describe('the item’s code', () => {
  it('is the code on the buyer’s photo when the typed one disagrees: a typo is set aside, not looked up', () => {
    // one character of the serial mistyped
    expect(itemCodeOf(`(01)${GTIN}(21)AB000007`, [onPhoto(`(01)${GTIN}(21)AB000001`, 1)])).toEqual({ raw: `(01)${GTIN}(21)AB000001`, source: 'photo', position: 1, typedSetAside: `(01)${GTIN}(21)AB000007` });
    // the GTIN's last digit left off: a 13-digit number whose check digit fails
    expect(itemCodeOf('0950600013435', [onPhoto(`https://id.gs1.org/01/${GTIN}/21/AB000001`)])).toMatchObject({ raw: `https://id.gs1.org/01/${GTIN}/21/AB000001`, source: 'photo', typedSetAside: '0950600013435' });
    // nothing readable typed
    expect(itemCodeOf('hello', [onPhoto(`(01)${GTIN}(21)AB000001`)])).toMatchObject({ source: 'photo', typedSetAside: 'hello' });
  });

  it('is the photo’s code, nothing set aside, when the typed code is the same unit', () => {
    expect(itemCodeOf(`https://id.gs1.org/01/${GTIN}/21/AB000001`, [onPhoto(`(01)${GTIN}(21)AB000001`)])).toMatchObject({ raw: `(01)${GTIN}(21)AB000001`, source: 'photo', typedSetAside: null });
  });

  it('takes the photo’s serial for a bare GTIN typed or scanned from the linear barcode', () => {
    expect(itemCodeOf(GTIN, [onPhoto(`(01)${GTIN}(21)AB000001`, 2)])).toEqual({ raw: `(01)${GTIN}(21)AB000001`, source: 'photo', position: 2, typedSetAside: null });
    // the photo's EAN-13 and its DataMatrix: the one that names the unit
    expect(itemCodeOf(GTIN, [onPhoto('9506000134352', 0), onPhoto(`(01)${GTIN}(21)AB000001`, 1)])).toMatchObject({ position: 1 });
  });

  it('keeps a typed serial when the photo shows only the same GTIN’s linear barcode', () => {
    expect(itemCodeOf(`(01)${GTIN}(21)AB000001`, [onPhoto('9506000134352')])).toEqual({ raw: `(01)${GTIN}(21)AB000001`, source: 'typed', position: null, typedSetAside: null });
  });

  it('prefers, among the photos’ codes, the unit the buyer typed', () => {
    const photos = [onPhoto(`(01)${GTIN}(21)AB000002`, 0), onPhoto(`(01)${GTIN}(21)AB000001`, 1)];
    expect(itemCodeOf(`(01)${GTIN}(21)AB000001`, photos)).toMatchObject({ position: 1, typedSetAside: null });
    expect(itemCodeOf(null, photos)).toMatchObject({ position: 0 });
  });

  it('is the typed code when no photo shows one, with its failures', () => {
    expect(itemCodeOf('(01)09506000134353(21)AB000001', [])).toEqual({ raw: '(01)09506000134353(21)AB000001', source: 'typed', position: null, typedSetAside: null });
    // a printed code whose check digit fails is never the item's code to look up (the photo detector calls it)
    expect(itemCodeOf(`(01)${GTIN}(21)AB000001`, [onPhoto('(01)09506000134353(21)AB000001')])).toMatchObject({ source: 'typed' });
    expect(itemCodeOf(null, [])).toBeNull();
  });

  it('is never the code of a copied photo while the buyer’s own photo or typing gives one', () => {
    const copied = onPhoto(`(01)${GTIN}(21)AB000009`, 0, true);
    expect(itemCodeOf(null, [copied, onPhoto(`(01)${GTIN}(21)AB000001`, 1)])).toMatchObject({ raw: `(01)${GTIN}(21)AB000001`, source: 'photo', position: 1 });
    expect(itemCodeOf(`(01)${GTIN}(21)AB000001`, [copied])).toMatchObject({ raw: `(01)${GTIN}(21)AB000001`, source: 'typed' });
    // only a copied photo shows a code: it is looked up as that photo's, not the item's
    expect(itemCodeOf(null, [copied])).toEqual({ raw: `(01)${GTIN}(21)AB000009`, source: 'copied_photo', position: 0, typedSetAside: null });
    // and so is the same unit typed beside it: it came with the copy, whoever typed it
    expect(itemCodeOf(`https://id.gs1.org/01/${GTIN}/21/AB000009`, [copied])).toEqual({ raw: `(01)${GTIN}(21)AB000009`, source: 'copied_photo', position: 0, typedSetAside: null });
    // a bare GTIN typed is no unit: the copy's code is the only one with a serial
    expect(itemCodeOf(GTIN, [copied])).toMatchObject({ source: 'typed', raw: GTIN });
  });
});

describe('the brand of a check that names none', () => {
  const brand = (key: string, gtins: string[], aliases: string[] = []): BrandOfCode => ({ key, name: key.replace('-', ' ').toUpperCase(), aliases, gtins });
  const brush = brand('brush-co', [GTIN], ['Brushco']);
  const comb = brand('comb-co', ['04006381333931']);
  const twin = brand('twin-co', [GTIN]);

  it('is the brand whose GTINs contain the code’s', () => {
    expect(inferBrand([comb, brush], { gtin: GTIN, listingClaimedBrand: null })).toEqual({ brand: brush, from: 'gtin' });
    // the GTIN wins over what the listing claims
    expect(inferBrand([comb, brush], { gtin: GTIN, listingClaimedBrand: 'comb-co' })).toEqual({ brand: brush, from: 'gtin' });
  });

  it('is the brand the listing claims, by key, name or alias in any case, when the GTIN is no one brand’s', () => {
    expect(inferBrand([comb, brush], { gtin: '00000000000017', listingClaimedBrand: 'BRUSHCO' })).toEqual({ brand: brush, from: 'listing' });
    expect(inferBrand([comb, brush], { gtin: null, listingClaimedBrand: 'COMB CO' })).toEqual({ brand: comb, from: 'listing' });
    // two brands list the GTIN: the listing's claim settles it, else nothing is guessed
    expect(inferBrand([brush, twin], { gtin: GTIN, listingClaimedBrand: 'twin-co' })).toEqual({ brand: twin, from: 'gtin' });
    expect(inferBrand([brush, twin], { gtin: GTIN, listingClaimedBrand: null })).toBeNull();
    expect(inferBrand([comb, brush], { gtin: null, listingClaimedBrand: 'Another Brand' })).toBeNull();
  });
});
