/**
 * Figures over evaluated images, per kind of damage and overall: expected-outcome accuracy
 * (approve or not, as policy v1 decides), wrong approvals, and MRZ field accuracy on documents a
 * correct reader can read.
 */
import type { ImageResult } from './documentEvaluation.ts';
import { percentile } from '../percentile.ts';
import { codeScores, type CodeScore } from './evaluationMetrics.ts';
import { ratio } from './proportion.ts';

export interface Figures {
  images: number;
  /** approve-or-not equals the labelled expectation; null when the group has no image */
  outcomeAccuracy: number | null;
  /** approved although the labels say it should not be */
  wrongApprovals: number;
  /** null when no image of the group is readable by label */
  fieldAccuracy: number | null;
  exactSignalMatches: number;
}

export function figuresOf(results: readonly ImageResult[]): Figures {
  const approves = (outcome: string) => outcome === 'approve';
  const fieldsTotal = results.reduce((sum, result) => sum + result.fieldsTotal, 0);
  const fieldsCorrect = results.reduce((sum, result) => sum + result.fieldsCorrect, 0);
  return {
    images: results.length,
    outcomeAccuracy: ratio(results.filter((result) => approves(result.expectedOutcome) === approves(result.actualOutcome)).length, results.length),
    wrongApprovals: results.filter((result) => approves(result.actualOutcome) && !approves(result.expectedOutcome)).length,
    fieldAccuracy: ratio(fieldsCorrect, fieldsTotal),
    exactSignalMatches: results.filter((result) => result.expectedSignals.join() === result.actualSignals.join()).length,
  };
}

export interface DocumentSummary {
  overall: Figures;
  byKind: Record<string, Figures>;
  signalCodes: CodeScore[];
  readMs: { median: number; p95: number };
}

export function summarise(results: readonly ImageResult[]): DocumentSummary {
  const kinds = [...new Set(results.map((result) => result.kind))];
  const durations = results.map((result) => result.durationMs);
  return {
    overall: figuresOf(results),
    byKind: Object.fromEntries(kinds.map((kind) => [kind, figuresOf(results.filter((result) => result.kind === kind))])),
    signalCodes: codeScores(results),
    readMs: { median: percentile(durations, 0.5), p95: percentile(durations, 0.95) },
  };
}
