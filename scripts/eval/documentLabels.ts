/**
 * Both labelled document sets read through one shape: the original set
 * (fixtures/seller-vetting/documents, one category per image, no split) and the wider set
 * (fixtures/seller-vetting/documents-wide, a damage kind and a fixed tune/holdout split each).
 */
import { readFile } from 'node:fs/promises';
import type { DocumentLabel, DocumentLabelSet } from '../../fixtures/seller-vetting/documents/syntheticDocument.ts';
import type { WideLabelSet } from '../../fixtures/seller-vetting/documents-wide/wideLabels.ts';

export const documentSets = {
  original: new URL('../../fixtures/seller-vetting/documents/', import.meta.url),
  wide: new URL('../../fixtures/seller-vetting/documents-wide/', import.meta.url),
} as const;
export type DocumentSetName = keyof typeof documentSets;

export interface EvaluationLabel {
  file: string;
  /** damage kind (wide set) or category (original set) */
  kind: string;
  split: 'tune' | 'holdout' | 'all';
  declared: { legalName: string; dateOfBirth: string; documentKind?: 'passport' | 'id_card' };
  truth: DocumentLabel['truth'];
  expectedSignals: string[];
}

export interface EvaluationLabelSet {
  name: DocumentSetName;
  folder: URL;
  today: string;
  acceptedSpecimenCodes: string[];
  images: EvaluationLabel[];
}

export async function loadDocumentSet(name: DocumentSetName): Promise<EvaluationLabelSet> {
  const folder = documentSets[name];
  const raw = JSON.parse(await readFile(new URL('labels.json', folder), 'utf8')) as DocumentLabelSet | WideLabelSet;
  // Both sets are built around ICAO's specimen state UTO, so the evaluation accepts it.
  const base = { name, folder, today: raw.today, acceptedSpecimenCodes: ['UTO'] };
  if ('specimenCodesAllowed' in raw) {
    return { ...base, images: raw.images.map((image) => ({ file: image.file, kind: image.damage, split: image.split, declared: image.declared, truth: image.truth, expectedSignals: image.expectedSignals })) };
  }
  return { ...base, images: raw.images.map((image) => ({ file: image.file, kind: image.category, split: 'all', declared: image.declared, truth: image.truth, expectedSignals: image.expectedSignals })) };
}
