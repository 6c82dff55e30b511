/**
 * Runs the document reader and the identity-document detector over a labelled set and measures
 * them against the labels: MRZ field accuracy on documents a correct reader can read (those not
 * labelled document.unreadable), the signal codes, and the verdict policy v1 gives (approve or
 * not) compared with the verdict the labelled signals would get.
 */
import { readFile } from 'node:fs/promises';
import type { Signal } from '../../core/signals.ts';
import { identityDocumentDetector } from '../../workers/detectors/identityDocument/index.ts';
import type { DocumentFields } from '../../workers/documents/documentReading.ts';
import { createDocumentReader, type DocumentReader } from '../../workers/documents/readDocument.ts';
import { evaluatePolicy, type PolicyRules } from '../../workers/policy/policy.ts';
import sellerVettingPolicy from '../../workers/policy/sellerVettingPolicy.v1.json' with { type: 'json' };
import type { EvaluationLabel, EvaluationLabelSet } from './documentLabels.ts';

export type Outcome = 'approve' | 'escalate' | 'reject';

export interface ImageResult {
  file: string;
  kind: string;
  split: EvaluationLabel['split'];
  format: string | null;
  /** reading fields equal to the truth, out of `fieldsTotal` (0 for documents labelled unreadable) */
  fieldsCorrect: number;
  fieldsTotal: number;
  /** names of the fields read wrongly (never their values) */
  wrongFields: string[];
  expectedSignals: string[];
  actualSignals: string[];
  expectedOutcome: Outcome;
  actualOutcome: Outcome;
  durationMs: number;
}

export const fieldNames: (keyof DocumentFields & keyof NonNullable<EvaluationLabel['truth']['fields']>)[] = ['surname', 'givenNames', 'documentNumber', 'nationality', 'issuingState', 'birthDate', 'expiryDate', 'sex'];

const policy = sellerVettingPolicy as PolicyRules;

/**
 * Signals from codes alone: every rule the documents' codes meet in policy v1 is by code (none
 * uses minScore), so severity and score do not change those verdicts.
 */
const asSignals = (codes: string[]): Signal[] =>
  codes.map((code) => ({ code, severity: code === 'document.verified' ? 'info' : 'medium', score: 0.5, summary: code, evidence: {}, detector: { id: 'eval', version: '0' } }));

/** The verdict policy v1 gives these document codes with every other check clean. */
export const outcomeOf = (codes: string[]): Outcome => evaluatePolicy(policy, asSignals(codes)).outcome as Outcome;

function wrongFields(label: EvaluationLabel, fields: DocumentFields | null): string[] | null {
  const truth = label.truth.fields;
  if (!truth || label.expectedSignals.includes('document.unreadable')) return null;
  return fieldNames.filter((name) => fields?.[name] !== truth[name]);
}

export async function evaluateImage(reader: DocumentReader, set: EvaluationLabelSet, label: EvaluationLabel): Promise<ImageResult> {
  const reading = await reader.read(await readFile(new URL(label.file, set.folder)));
  const signals = identityDocumentDetector.detect({ reading, declared: label.declared, today: set.today, acceptedSpecimenCodes: set.acceptedSpecimenCodes });
  const actualSignals = [...new Set(signals.map((signal) => signal.code))].sort();
  const expectedSignals = [...label.expectedSignals].sort();
  const wrong = wrongFields(label, reading.fields);
  return {
    file: label.file,
    kind: label.kind,
    split: label.split,
    format: reading.format,
    fieldsCorrect: wrong ? fieldNames.length - wrong.length : 0,
    fieldsTotal: wrong ? fieldNames.length : 0,
    wrongFields: wrong ?? [],
    expectedSignals,
    actualSignals,
    expectedOutcome: outcomeOf(expectedSignals),
    actualOutcome: outcomeOf(actualSignals),
    durationMs: reading.durationMs,
  };
}

/** Reads every image of `set` accepted by `include`, one at a time, with one reader. */
export async function evaluateDocumentSet(set: EvaluationLabelSet, include: (label: EvaluationLabel) => boolean = () => true, onImage?: (result: ImageResult, done: number, total: number) => void): Promise<ImageResult[]> {
  const reader = createDocumentReader({ maxPixels: 40_000_000, clock: () => new Date(`${set.today}T12:00:00Z`) });
  const results: ImageResult[] = [];
  try {
    const labels = set.images.filter(include);
    for (const label of labels) {
      results.push(await evaluateImage(reader, set, label));
      onImage?.(results.at(-1) as ImageResult, results.length, labels.length);
    }
  } finally {
    await reader.close();
  }
  return results;
}
