/**
 * The one way the quality floors tests hold a figure: a floor sits at 0.9 or above, and only on a
 * kind (a signal, a class, an edit, a kind of check) with at least 20 labelled positives in what
 * was measured. On fewer, one case moves the figure by more than five points and its 95% interval
 * spans tens of points, too wide to tell a regression from noise: such a kind is measured and
 * printed, never floored. Asking for a floor below 0.9, or on too few
 * positives, fails with a message saying so.
 */
import { expect } from 'vitest';
import { ratio, shareWithInterval } from './proportion.ts';

export const MIN_FLOOR = 0.9;
export const MIN_POSITIVES = 20;

/** A measured share: `hits` of `of`, on a kind with `positives` labelled examples (for a recall or an accuracy, `of` itself). */
export interface Measured {
  hits: number;
  of: number;
  positives: number;
}

/** Refuses a floor below MIN_FLOOR and a kind with fewer than MIN_POSITIVES positives; the message names the kind and the count. */
export function checkFloor(what: string, positives: number, floor: number): void {
  if (!(floor >= MIN_FLOOR && floor <= 1)) throw new Error(`${what}: a floor of ${floor} is refused; floors sit between ${MIN_FLOOR} and 1`);
  if (positives < MIN_POSITIVES) throw new Error(`${what}: ${positives} labelled positives, fewer than the ${MIN_POSITIVES} a floor needs; measure it, do not floor it`);
}

/** Holds `measured` at `floor` or above (after checkFloor). */
export function expectFloor(what: string, measured: Measured, floor: number): void {
  checkFloor(what, measured.positives, floor);
  const value = ratio(measured.hits, measured.of);
  expect(value, `${what}: nothing measured (0 of 0)`).not.toBeNull();
  expect(value!, `${what}: ${shareWithInterval(measured.hits, measured.of)} (${measured.hits} of ${measured.of}), floor ${floor}`).toBeGreaterThanOrEqual(floor);
}

/**
 * A kind left without a floor for want of positives, checked to still want them: once its set
 * holds 20 or more, this fails and the kind gets its floor.
 */
export function expectTooFewToFloor(what: string, positives: number): void {
  expect(positives, `${what} has ${positives} labelled positives now, enough for a floor: give it one`).toBeLessThan(MIN_POSITIVES);
}

export interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** Holds a kind's precision and recall at their floors; its positives are its labelled ones (true positives and false negatives). */
export function expectPrecisionRecallFloor(what: string, counts: Counts, floors: { precision: number; recall: number }): void {
  const positives = counts.truePositives + counts.falseNegatives;
  // both refusals before either figure is looked at
  checkFloor(`${what} precision`, positives, floors.precision);
  checkFloor(`${what} recall`, positives, floors.recall);
  expectFloor(`${what} precision`, { hits: counts.truePositives, of: counts.truePositives + counts.falsePositives, positives }, floors.precision);
  expectFloor(`${what} recall`, { hits: counts.truePositives, of: positives, positives }, floors.recall);
}
