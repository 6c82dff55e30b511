/**
 * The transparency report as the console reads it (`GET /admin/v1/transparency-report`): the
 * period asked for, the figures parsed defensively (an unexpected answer shows as an error, never
 * as wrong numbers), and the CSV's address for the download.
 */
import { ADMIN_API_URL } from '../config.ts';

export interface Count {
  value: string;
  count: number;
}

export const DIMENSIONS = ['byCapability', 'byMeasure', 'byGround', 'byCategory', 'byAutomatedDecision', 'bySource', 'byDecidedBy'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface TransparencyReport {
  from: string;
  to: string;
  restrictions: { total: number } & Record<Dimension, Count[]>;
  strikes: { issued: number; withdrawn: number; parties: number };
  transparencyDatabase: { pending: number; accepted: number; refused: number };
  appeals: { received: number; decided: number; upheld: number; overturned: number; medianSecondsToDecision: number | null };
}

/** The senior roles the API opens the report to (403 for moderators). */
export const canReadTransparencyReport = (permissions: unknown): boolean => permissions === 'senior_moderator' || permissions === 'admin';

const isCount = (value: unknown): value is Count =>
  typeof value === 'object' && value !== null && typeof (value as Count).value === 'string' && Number.isInteger((value as Count).count);
const isNumbers = (value: unknown, keys: readonly string[]) =>
  typeof value === 'object' && value !== null && keys.every((key) => Number.isInteger((value as Record<string, unknown>)[key]));

export function parseReport(json: unknown): TransparencyReport | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const report = json as Partial<TransparencyReport>;
  const restrictions = report.restrictions as Record<string, unknown> | undefined;
  if (typeof report.from !== 'string' || typeof report.to !== 'string' || !restrictions || !Number.isInteger(restrictions.total)) return undefined;
  if (!DIMENSIONS.every((dimension) => Array.isArray(restrictions[dimension]) && (restrictions[dimension] as unknown[]).every(isCount))) return undefined;
  if (!isNumbers(report.strikes, ['issued', 'withdrawn', 'parties']) || !isNumbers(report.transparencyDatabase, ['pending', 'accepted', 'refused'])) return undefined;
  if (!isNumbers(report.appeals, ['received', 'decided', 'upheld', 'overturned'])) return undefined;
  const median = (report.appeals as { medianSecondsToDecision?: unknown }).medianSecondsToDecision;
  if (median !== null && typeof median !== 'number') return undefined;
  return report as TransparencyReport;
}

/** The first day of the month of `today`, to `today`: what the page shows first. */
export function defaultPeriod(today: Date): { from: string; to: string } {
  const to = today.toISOString().slice(0, 10);
  return { from: `${to.slice(0, 8)}01`, to };
}

export const reportUrl = (period: { from: string; to: string }, format: 'json' | 'csv' = 'json') =>
  `${ADMIN_API_URL}/transparency-report?${new URLSearchParams({ from: period.from, to: period.to, ...(format === 'csv' ? { format } : {}) }).toString()}`;

/** A duration in the largest unit that keeps it readable: 45 s, 12 min, 5.5 h, 3.2 days. */
export function durationText(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}
