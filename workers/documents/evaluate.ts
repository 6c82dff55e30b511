/**
 * Runs the document reader and the identity-document detector over every labelled synthetic
 * fixture (fixtures/seller-vetting/documents) and measures them against the labels:
 *   npx tsx workers/documents/evaluate.ts
 * MRZ field accuracy counts the 8 reading fields on images a correct reader can read (those not
 * labelled document.unreadable); signal precision/recall compares emitted codes with the labels.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DocumentLabel, DocumentLabelSet } from '../../fixtures/seller-vetting/documents/syntheticDocument.ts';
import { identityDocumentDetector } from '../detectors/identityDocument/index.ts';
import type { DocumentFields } from './documentReading.ts';
import { createDocumentReader } from './readDocument.ts';
import { codeScores, percentile, type CodeScore } from './evaluationMetrics.ts';

export const defaultFixtureFolder = new URL('../../fixtures/seller-vetting/documents/', import.meta.url);

export interface ImageResult {
  file: string;
  category: string;
  format: string | null;
  /** reading fields equal to the truth, out of `fieldsTotal` */
  fieldsCorrect: number;
  fieldsTotal: number;
  /** names of the fields read wrongly (never their values) */
  wrongFields: string[];
  expectedSignals: string[];
  actualSignals: string[];
  signalsMatch: boolean;
  durationMs: number;
}

export interface DocumentEvaluation {
  images: ImageResult[];
  mrzFieldAccuracy: number;
  signalCodes: CodeScore[];
  /** images whose emitted codes equal the labelled ones exactly */
  exactSignalMatches: number;
  readMs: { median: number; p95: number };
}

const fieldNames: (keyof DocumentFields)[] = ['surname', 'givenNames', 'documentNumber', 'nationality', 'issuingState', 'birthDate', 'expiryDate', 'sex'];

function wrongFields(label: DocumentLabel, fields: DocumentFields | null): string[] | null {
  const truth = label.truth.fields;
  if (!truth || label.expectedSignals.includes('document.unreadable')) return null;
  return fieldNames.filter((name) => fields?.[name] !== truth[name]);
}

export async function evaluateDocuments({ folder = defaultFixtureFolder, maxPixels = 40_000_000 }: { folder?: URL; maxPixels?: number } = {}): Promise<DocumentEvaluation> {
  const labels = JSON.parse(await readFile(new URL('labels.json', folder), 'utf8')) as DocumentLabelSet;
  const reader = createDocumentReader({ maxPixels, clock: () => new Date(`${labels.today}T12:00:00Z`) });
  const images: ImageResult[] = [];
  try {
    for (const label of labels.images) {
      const reading = await reader.read(await readFile(new URL(label.file, folder)));
      const signals = identityDocumentDetector.detect({ reading, declared: label.declared, today: labels.today });
      const actualSignals = [...new Set(signals.map((signal) => signal.code))].sort();
      const expectedSignals = [...label.expectedSignals].sort();
      const wrong = wrongFields(label, reading.fields);
      images.push({
        file: label.file,
        category: label.category,
        format: reading.format,
        fieldsCorrect: wrong ? fieldNames.length - wrong.length : 0,
        fieldsTotal: wrong ? fieldNames.length : 0,
        wrongFields: wrong ?? [],
        expectedSignals,
        actualSignals,
        signalsMatch: expectedSignals.join() === actualSignals.join(),
        durationMs: reading.durationMs,
      });
    }
  } finally {
    await reader.close();
  }
  const correct = images.reduce((sum, image) => sum + image.fieldsCorrect, 0);
  const total = images.reduce((sum, image) => sum + image.fieldsTotal, 0);
  const durations = images.map((image) => image.durationMs);
  return {
    images,
    mrzFieldAccuracy: total === 0 ? 0 : correct / total,
    signalCodes: codeScores(images),
    exactSignalMatches: images.filter((image) => image.signalsMatch).length,
    readMs: { median: percentile(durations, 0.5), p95: percentile(durations, 0.95) },
  };
}

function printReport(evaluation: DocumentEvaluation): void {
  const rows = evaluation.images.map((image) => ({
    file: image.file,
    format: image.format ?? '-',
    fields: image.fieldsTotal ? `${image.fieldsCorrect}/${image.fieldsTotal}` : '-',
    wrong: image.wrongFields.join(' '),
    expected: image.expectedSignals.map((code) => code.replace('document.', '')).join(' '),
    actual: image.signalsMatch ? '= ' : image.actualSignals.map((code) => code.replace('document.', '')).join(' '),
    ms: image.durationMs,
  }));
  console.table(rows);
  console.table(evaluation.signalCodes.map((score) => ({ ...score, precision: score.precision.toFixed(2), recall: score.recall.toFixed(2) })));
  console.log(`MRZ field accuracy: ${(evaluation.mrzFieldAccuracy * 100).toFixed(1)}%`);
  console.log(`images with exactly the expected signals: ${evaluation.exactSignalMatches}/${evaluation.images.length}`);
  console.log(`read time: median ${evaluation.readMs.median} ms, p95 ${evaluation.readMs.p95} ms`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  printReport(await evaluateDocuments());
}
