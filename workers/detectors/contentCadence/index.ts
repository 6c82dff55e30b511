/**
 * Posting cadence per creator, kept incrementally: each promo post updates a small fixed-size
 * state (today's count, the counts of the last 30 days, running mean and variance of the gaps by
 * Welford's method), so a post costs O(1) whatever the creator's history. The state is a row per
 * creator in PostgreSQL, updated under a row lock.
 *
 * Flags more than `maxPerDay` promo posts in one UTC day, or a day more than `medianRatio` times
 * the creator's own median of their active days in the previous 30 (with at least
 * `minActiveDays` of history and `minPostsForRatio` posts today). Burstiness of the gaps
 * (Goh and Barabasi: (sigma - mu) / (sigma + mu), -1 regular, 0 random, towards 1 bursty) is
 * reported as evidence.
 *
 * Catches: an agency account posting scripted promos all day; a creator whose promos suddenly
 * multiply. Misses: a farm spread over many accounts at a human rate each (coordination catches
 * that); posts sent late, out of order by more than a day, count on their own day but do not
 * move the gap statistics.
 */
import type { DetectorModule, Signal } from '../../../core/signals.ts';

export const HISTORY_DAYS = 30;
const DAY_MS = 86_400_000;

export interface CadenceState {
  /** UTC day number (days since 1970-01-01) of the latest post */
  day: number;
  /** promo posts per day for `day - 29 .. day`, oldest first (length 30) */
  dailyCounts: number[];
  lastPostedAt: string | null;
  gapCount: number;
  /** running mean and sum of squared deviations of the gaps, in seconds */
  gapMean: number;
  gapM2: number;
  postCount: number;
  clearDisclosures: number;
}

export const emptyCadenceState = (): CadenceState => ({ day: 0, dailyCounts: new Array<number>(HISTORY_DAYS).fill(0), lastPostedAt: null, gapCount: 0, gapMean: 0, gapM2: 0, postCount: 0, clearDisclosures: 0 });

export const dayOf = (at: Date): number => Math.floor(at.getTime() / DAY_MS);

/** The state after one more promo post: O(1) (shifting a 30-entry window at most once per post). */
export function recordPost(state: CadenceState, postedAt: Date, clearlyDisclosed: boolean): { state: CadenceState; countOnDay: number } {
  const day = dayOf(postedAt);
  const next: CadenceState = { ...state, dailyCounts: [...state.dailyCounts], postCount: state.postCount + 1, clearDisclosures: state.clearDisclosures + (clearlyDisclosed ? 1 : 0) };
  if (state.postCount === 0) next.day = day;
  if (day > next.day) {
    const shift = Math.min(day - next.day, HISTORY_DAYS);
    next.dailyCounts = [...next.dailyCounts.slice(shift), ...new Array<number>(shift).fill(0)];
    next.day = day;
  }
  const slot = HISTORY_DAYS - 1 - (next.day - day);
  let countOnDay = 1;
  if (slot >= 0) {
    next.dailyCounts[slot] = next.dailyCounts[slot]! + 1;
    countOnDay = next.dailyCounts[slot]!;
  }
  const last = state.lastPostedAt ? new Date(state.lastPostedAt) : null;
  if (!last || postedAt >= last) {
    if (last) {
      const gap = (postedAt.getTime() - last.getTime()) / 1000;
      next.gapCount = state.gapCount + 1;
      const delta = gap - state.gapMean;
      next.gapMean = state.gapMean + delta / next.gapCount;
      next.gapM2 = state.gapM2 + delta * (gap - next.gapMean);
    }
    next.lastPostedAt = postedAt.toISOString();
  }
  return { state: next, countOnDay };
}

/** Median of the creator's active days before `day` in the window (fixed 30 entries: O(1)). */
export function priorActiveMedian(state: CadenceState, day: number): { median: number; activeDays: number } {
  const slot = HISTORY_DAYS - 1 - (state.day - day);
  const active = state.dailyCounts.slice(0, Math.max(slot, 0)).filter((count) => count > 0).sort((left, right) => left - right);
  if (active.length === 0) return { median: 0, activeDays: 0 };
  const middle = Math.floor(active.length / 2);
  return { median: active.length % 2 ? active[middle]! : (active[middle - 1]! + active[middle]!) / 2, activeDays: active.length };
}

export function burstiness(state: CadenceState): number | null {
  if (state.gapCount < 3) return null;
  const sigma = Math.sqrt(state.gapM2 / state.gapCount);
  const mu = state.gapMean;
  if (sigma + mu === 0) return 1;
  return Math.round(((sigma - mu) / (sigma + mu)) * 1000) / 1000;
}

export interface CadenceThresholds {
  maxPerDay: number;
  medianRatio: number;
  minActiveDays: number;
  minPostsForRatio: number;
}

export const cadenceThresholds: CadenceThresholds = { maxPerDay: 10, medianRatio: 3, minActiveDays: 5, minPostsForRatio: 4 };

export interface CadenceInput {
  state: CadenceState;
  postedAt: Date;
  countOnDay: number;
}

const detector = { id: 'content-cadence', version: '1' };

export const cadenceDetector: DetectorModule<CadenceInput, CadenceThresholds> = {
  ...detector,
  description: "Promo posts per day against an absolute ceiling and the creator's own 30-day median",
  thresholds: cadenceThresholds,
  detect({ state, postedAt, countOnDay }, limits = cadenceThresholds): Signal[] {
    const day = dayOf(postedAt);
    const { median, activeDays } = priorActiveMedian(state, day);
    const ratio = median > 0 ? Math.round((countOnDay / median) * 100) / 100 : null;
    const overCeiling = countOnDay > limits.maxPerDay;
    const overMedian = ratio !== null && activeDays >= limits.minActiveDays && countOnDay >= limits.minPostsForRatio && ratio > limits.medianRatio;
    if (!overCeiling && !overMedian) return [];
    const why = overCeiling ? `${countOnDay} promo posts on ${new Date(day * DAY_MS).toISOString().slice(0, 10)} (more than ${limits.maxPerDay} a day)` : `${countOnDay} promo posts in a day, ${ratio}x the creator's median of ${median}`;
    return [
      {
        code: 'content.cadence_excessive',
        severity: 'high',
        score: overCeiling ? Math.min(1, 0.7 + 0.02 * (countOnDay - limits.maxPerDay)) : 0.7,
        summary: why,
        evidence: {
          day: new Date(day * DAY_MS).toISOString().slice(0, 10),
          postsOnDay: countOnDay,
          maxPerDay: limits.maxPerDay,
          medianOfActiveDays: median,
          activeDaysInWindow: activeDays,
          ratioToMedian: ratio,
          medianRatio: limits.medianRatio,
          burstiness: burstiness(state),
          meanGapMinutes: state.gapCount > 0 ? Math.round(state.gapMean / 6) / 10 : null,
        },
        detector,
      },
    ];
  },
};
