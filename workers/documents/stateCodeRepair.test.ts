import { describe, expect, it } from 'vitest';
import { repairStateCode } from './stateCodeRepair.ts';

describe('repairStateCode', () => {
  it('keeps listed codes, Germany as D and the specimen UTO as read', () => {
    for (const code of ['NGA', 'D', 'UTO', 'XXA']) expect(repairStateCode(code)).toEqual({ code, repaired: false });
  });

  it('undoes a single glyph confusion when exactly one listed code results', () => {
    expect(repairStateCode('NCA')).toEqual({ code: 'NGA', repaired: true });
    expect(repairStateCode('JPH')).toEqual({ code: 'JPN', repaired: true });
  });

  it('leaves a code alone when no lookalike or several are listed', () => {
    expect(repairStateCode('QQQ')).toEqual({ code: 'QQQ', repaired: false });
  });
});
