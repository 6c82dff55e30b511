/** Seller-vetting submissions built from the labelled identity documents, for the benches. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const documentFixtures = new URL('../../fixtures/seller-vetting/documents/', import.meta.url);
export const documentLabels = JSON.parse(readFileSync(new URL('labels.json', documentFixtures), 'utf8')) as {
  images: { file: string; declared: { legalName: string; dateOfBirth: string }; expectedSignals: string[] }[];
};

// read and encoded once per file: under load the bench shares its process with the API
const encoded = new Map<string, string>();
const imageBase64 = (file: string) => encoded.get(file) ?? encoded.set(file, readFileSync(new URL(file, documentFixtures)).toString('base64')).get(file)!;

/** A vetting of a new seller (fresh ids, email, phone and fingerprints) with the labelled document `file`. */
export function applicant(file: string) {
  const label = documentLabels.images.find((image) => image.file === file)!;
  const id = randomUUID().slice(0, 8);
  return {
    sellerId: `bench-${id}`, applicantType: 'individual', legalName: label.declared.legalName, dateOfBirth: label.declared.dateOfBirth,
    email: `bench-${id}@example.test`, phone: `+4420${String(parseInt(id, 16) % 1e8).padStart(8, '0')}`, country: 'GB',
    address: { line1: '1 Bench Road', city: 'London', postalCode: 'N1 1AA', country: 'GB' },
    payoutAccountFingerprint: `payout-${id}`, deviceFingerprint: `device-${id}`,
    document: { kind: file.startsWith('td1') ? 'id_card' : 'passport', imageBase64: imageBase64(file) },
  };
}
