/**
 * Converts a price into a brand's reference currency with the policy's rate table (units of each
 * currency per one unit of the table's base). Our own few lines rather than a currency library:
 * the rates come from the marketplace's policy, never fetched, so the detector stays pure and
 * a verdict can be replayed with the rates it was given.
 */
import type { CurrencyRates } from '../../../core/listingScreening.ts';

export interface Conversion {
  amount: number;
  /** reference-currency units per unit of the listing's currency */
  rate: number;
}

const perBase = (table: CurrencyRates, currency: string): number | undefined => (currency === table.base.toUpperCase() ? 1 : table.rates[currency]);

/** `amount` of `from` in `to`, or null when the table lacks either currency. */
export function convertAmount(amount: number, from: string, to: string, table: CurrencyRates | undefined): Conversion | null {
  const source = from.toUpperCase();
  const target = to.toUpperCase();
  if (source === target) return { amount, rate: 1 };
  if (!table) return null;
  const sourceRate = perBase(table, source);
  const targetRate = perBase(table, target);
  if (!sourceRate || !targetRate || !Number.isFinite(sourceRate) || !Number.isFinite(targetRate)) return null;
  const rate = targetRate / sourceRate;
  return { amount: amount * rate, rate };
}
