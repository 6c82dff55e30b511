/** Building and following seller vettings through the real API in tests. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { TestPlatform } from './platform.ts';
import { uniqueSuffix } from './platform.ts';

const documentsDir = new URL('../../fixtures/seller-vetting/documents/', import.meta.url);

interface LabelledImage {
  file: string;
  category: string;
  declared: { legalName: string; dateOfBirth: string };
  truth: { fields: { documentNumber: string } | null } | null;
  expectedSignals: string[];
}
export const documentLabels = JSON.parse(readFileSync(new URL('labels.json', documentsDir), 'utf8')) as { images: LabelledImage[] };

export function labelled(file: string): LabelledImage {
  const found = documentLabels.images.find((image) => image.file === file);
  if (!found) throw new Error(`no labelled fixture ${file}`);
  return found;
}

export const documentImage = (file: string) => readFileSync(new URL(file, documentsDir));

/** A complete, valid individual applicant whose declared name and birth date match the fixture. */
export function applicantFor(file: string, overrides: Record<string, unknown> = {}) {
  const label = labelled(file);
  const suffix = uniqueSuffix();
  return {
    sellerId: `seller-${suffix}`,
    applicantType: 'individual',
    legalName: label.declared.legalName,
    dateOfBirth: label.declared.dateOfBirth,
    email: `seller-${suffix}@example.test`,
    phone: `+4420${String(parseInt(suffix, 16) % 1e8).padStart(8, '0')}`,
    country: 'GB',
    address: { line1: '1 Test Street', city: 'London', postalCode: 'N1 1AA', country: 'GB' },
    payoutAccountFingerprint: `payout-${suffix}`,
    deviceFingerprint: `device-${suffix}`,
    document: { kind: file.startsWith('td1') ? 'id_card' : 'passport', imageBase64: documentImage(file).toString('base64') },
    ...overrides,
  };
}

export async function submitVetting(platform: TestPlatform, apiKey: string, body: unknown, idempotencyKey: string = randomUUID()) {
  return await platform.app.inject({
    method: 'POST',
    url: '/v1/seller-vettings',
    headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': idempotencyKey },
    payload: body as Record<string, unknown>,
  });
}

export async function readVetting(platform: TestPlatform, apiKey: string, id: string) {
  const response = await platform.app.inject({ method: 'GET', url: `/v1/seller-vettings/${id}`, headers: { authorization: `Bearer ${apiKey}` } });
  expect(response.statusCode).toBe(200);
  return response.json();
}

export async function waitForVetting(platform: TestPlatform, apiKey: string, id: string, until: (vetting: { status: string }) => boolean, timeoutMs = 150_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const vetting = await readVetting(platform, apiKey, id);
    if (until(vetting)) return vetting;
    if (Date.now() > deadline) throw new Error(`vetting ${id} stuck in ${vetting.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export { moderatorSession } from './console.ts';
export async function registerWebhook(platform: TestPlatform, apiKey: string, url: string): Promise<string> {
  const response = await platform.app.inject({
    method: 'POST',
    url: '/v1/webhook-endpoints',
    headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': randomUUID() },
    payload: { url },
  });
  expect(response.statusCode).toBe(201);
  return response.json().secret;
}
