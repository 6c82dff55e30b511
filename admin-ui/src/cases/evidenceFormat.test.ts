import { describe, expect, it } from 'vitest';
import { EVIDENCE_MAX_CHARS, EVIDENCE_MAX_DEPTH, EVIDENCE_MAX_ITEMS, evidenceLabel, evidenceNode, formatEvidenceNumber, isFlatList } from './evidenceFormat.ts';

describe('evidenceLabel', () => {
  it.each([
    ['failedCheckDigits', 'Failed check digits'],
    ['failed_check_digits', 'Failed check digits'],
    ['ocrConfidence', 'Ocr confidence'],
    ['listId', 'List id'],
    ['score', 'Score'],
  ])('%s reads %s', (key, label) => expect(evidenceLabel(key)).toBe(label));

  it('keeps a key it cannot turn into words', () => expect(evidenceLabel('__')).toBe('__'));
});

describe('formatEvidenceNumber', () => {
  it('groups large whole numbers only and rounds fractions to three decimals', () => {
    expect(formatEvidenceNumber(1234567)).toBe('1,234,567');
    expect(formatEvidenceNumber(1980)).toBe('1980');
    expect(formatEvidenceNumber(0.87654)).toBe('0.877');
    expect(formatEvidenceNumber(0.5)).toBe('0.5');
  });

  it('writes what is not finite as is', () => expect(formatEvidenceNumber(Number.POSITIVE_INFINITY)).toBe('Infinity'));
});

describe('evidenceNode', () => {
  it('turns an object into labelled entries, recursively', () => {
    const node = evidenceNode({ listId: 'ofac-sdn', score: 0.912, programs: ['SDGT', 'IRAN'], dateOfBirthCheck: { declared: 1980, listed: null } });
    expect(node).toEqual({
      kind: 'entries',
      hidden: 0,
      entries: [
        { key: 'listId', label: 'List id', value: { kind: 'text', text: 'ofac-sdn' } },
        { key: 'score', label: 'Score', value: { kind: 'text', text: '0.912' } },
        { key: 'programs', label: 'Programs', value: { kind: 'list', hidden: 0, items: [{ kind: 'text', text: 'SDGT' }, { kind: 'text', text: 'IRAN' }] } },
        {
          key: 'dateOfBirthCheck',
          label: 'Date of birth check',
          value: { kind: 'entries', hidden: 0, entries: [
            { key: 'declared', label: 'Declared', value: { kind: 'text', text: '1980' } },
            { key: 'listed', label: 'Listed', value: { kind: 'empty' } },
          ] },
        },
      ],
    });
  });

  it('reads booleans as yes and no', () => {
    expect(evidenceNode(true)).toEqual({ kind: 'text', text: 'yes' });
    expect(evidenceNode(false)).toEqual({ kind: 'text', text: 'no' });
  });

  it.each([null, undefined, '', [], {}])('shows nothing for %j', (value) => expect(evidenceNode(value)).toEqual({ kind: 'empty' }));

  it('bounds long lists, wide objects and long text', () => {
    const list = evidenceNode(Array.from({ length: EVIDENCE_MAX_ITEMS + 5 }, (_, i) => i));
    expect(list.kind === 'list' && [list.items.length, list.hidden]).toEqual([EVIDENCE_MAX_ITEMS, 5]);
    const wide = evidenceNode(Object.fromEntries(Array.from({ length: EVIDENCE_MAX_ITEMS + 1 }, (_, i) => [`k${i}`, i])));
    expect(wide.kind === 'entries' && wide.hidden).toBe(1);
    const text = evidenceNode('x'.repeat(EVIDENCE_MAX_CHARS * 2));
    expect(text.kind === 'text' && text.text.length).toBe(EVIDENCE_MAX_CHARS);
  });

  it('writes what is nested too deep as one line of JSON', () => {
    let deep: unknown = { leaf: 1 };
    for (let i = 0; i < EVIDENCE_MAX_DEPTH; i += 1) deep = { inner: deep };
    let node = evidenceNode(deep);
    for (let i = 0; i < EVIDENCE_MAX_DEPTH; i += 1) node = node.kind === 'entries' ? node.entries[0]!.value : node;
    expect(node).toEqual({ kind: 'text', text: '{"leaf":1}' });
  });

  it('keeps markup as text, for the page to show literally', () => {
    expect(evidenceNode('<img src=x onerror=alert(1)>')).toEqual({ kind: 'text', text: '<img src=x onerror=alert(1)>' });
  });
});

describe('isFlatList', () => {
  it('is true only for lists of plain values', () => {
    expect(isFlatList(evidenceNode(['a', 1, null]))).toBe(true);
    expect(isFlatList(evidenceNode([{ a: 1 }]))).toBe(false);
    expect(isFlatList(evidenceNode('a'))).toBe(false);
  });
});
