import { describe, expect, it } from 'vitest';
import { addToWeek, praiseFigures, uniformPraiseDetector, weekTotals, type PraiseWeek } from './index.ts';

describe('uniform praise', () => {
  it('counts superlatives and categories in several languages', () => {
    expect(praiseFigures('Best smart watch ever, a total game-changer!')).toMatchObject({ superlatives: 2, categories: ['electronics'] });
    expect(praiseFigures('Este corrector de juanetes es increíble')).toMatchObject({ superlatives: 1, categories: ['foot_health'] });
    expect(praiseFigures('Es mejor que el anterior, pero lo mejor es el precio').superlatives).toBe(1);
  });

  it('reports superlatives across unrelated categories in a week, and not a focused reviewer', () => {
    let week: PraiseWeek | null = null;
    const at = new Date('2026-03-03T10:00:00Z');
    for (const text of ['Best watch ever, amazing', 'This bunion corrector is a miracle, obsessed', 'Perfect serum, holy grail', 'Amazing blender, best buy', 'Incredible vitamins, love them']) week = addToWeek(week, at, praiseFigures(text));
    const [signal] = uniformPraiseDetector.detect({ week: week! });
    expect(signal?.code).toBe('content.uniform_praise');
    expect(signal?.severity).toBe('low');
    expect((signal?.evidence.categories as string[]).length).toBeGreaterThanOrEqual(3);

    let focused: PraiseWeek | null = null;
    for (const text of ['Best watch ever', 'Amazing watch strap', 'Perfect watch charger', 'Great camera']) focused = addToWeek(focused, at, praiseFigures(text));
    expect(uniformPraiseDetector.detect({ week: focused! })).toEqual([]);
  });

  it('keeps seven days of buckets, dropping older ones and ignoring a post older than the window', () => {
    const first = addToWeek(null, new Date('2026-03-03T10:00:00Z'), praiseFigures('best watch'));
    const sameWindow = addToWeek(first, new Date('2026-03-08T10:00:00Z'), praiseFigures('best serum'));
    expect(weekTotals(sameWindow)).toMatchObject({ posts: 2, categories: ['electronics', 'skincare'] });
    const next = addToWeek(sameWindow, new Date('2026-03-11T10:00:00Z'), praiseFigures('best serum'));
    expect(weekTotals(next).posts).toBe(2);
    expect(addToWeek(next, new Date('2026-03-03T10:00:00Z'), praiseFigures('x'))).toBe(next);
  });
});
