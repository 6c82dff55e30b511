/**
 * Development sample data that needs the running platform: a few seller vettings submitted
 * through the API with the development key, so the console has escalations to work on. Each
 * sample seller is submitted once (a seller with a vetting already is skipped), so restarting
 * `npm start` adds nothing.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

interface Sample {
  sellerId: string;
  document: string;
  phone?: string;
}
interface Label {
  file: string;
  declared: { legalName: string; dateOfBirth: string };
}

const fixtures = path.join(import.meta.dirname, '..', 'fixtures');

export async function submitSampleVettings(apiUrl: string, apiKey: string, log: (line: string) => void): Promise<void> {
  const samples = (JSON.parse(await readFile(path.join(fixtures, 'development', 'sample-vettings.json'), 'utf8')) as { vettings: Sample[] }).vettings;
  const labels = (JSON.parse(await readFile(path.join(fixtures, 'seller-vetting', 'documents', 'labels.json'), 'utf8')) as { images: Label[] }).images;
  const headers = { authorization: `Bearer ${apiKey}` };
  let submitted = 0;
  for (const [index, sample] of samples.entries()) {
    const existing = await fetch(`${apiUrl}/v1/seller-vettings?sellerId=${encodeURIComponent(sample.sellerId)}`, { headers });
    if (!existing.ok) throw new Error(`listing vettings answered ${existing.status}: ${await existing.text()}`);
    if (((await existing.json()) as { items: unknown[] }).items.length > 0) continue;
    const label = labels.find((candidate) => candidate.file === sample.document);
    if (!label) throw new Error(`fixtures/development/sample-vettings.json names an unknown document ${sample.document}`);
    const image = await readFile(path.join(fixtures, 'seller-vetting', 'documents', sample.document));
    const body = {
      sellerId: sample.sellerId,
      applicantType: 'individual',
      legalName: label.declared.legalName,
      dateOfBirth: label.declared.dateOfBirth,
      email: `${sample.sellerId}@example.test`,
      phone: sample.phone ?? `+4420794600${String(50 + index).padStart(2, '0')}`,
      country: 'GB',
      address: { line1: `${index + 1} Sample Street`, city: 'London', postalCode: 'N1 1AA', country: 'GB' },
      payoutAccountFingerprint: `payout-${sample.sellerId}`,
      deviceFingerprint: `device-${sample.sellerId}`,
      document: { kind: sample.document.startsWith('td1') ? 'id_card' : 'passport', imageBase64: image.toString('base64') },
    };
    const response = await fetch(`${apiUrl}/v1/seller-vettings`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    });
    if (response.status !== 202) throw new Error(`sample vetting ${sample.sellerId} answered ${response.status}: ${await response.text()}`);
    submitted += 1;
  }
  if (submitted > 0) log(`submitted ${submitted} sample vettings (fixtures/development/sample-vettings.json); escalations appear in the console's queues`);
}
