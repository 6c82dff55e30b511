/**
 * Development samples for authenticity checks, loaded by `npm start` through the API with the
 * development key: the brand `brush-co` enrolled with its GTIN, serial pattern and unit codes
 * (AB000001-AB000020 issued, AB000099 revoked), and a sample order's check sent with nothing, so
 * its buyer page asks for photos (its link is printed). It also writes the photos the curl
 * walk-through of docs/authenticity-checks.md sends into `<data dir>/samples/authenticity-checks/`:
 * a code close-up and a product shot for one order, and a label with a GS1 DataMatrix, sharp and
 * blurred, for another (labels drawn from one template are near copies to the photo-reuse
 * check, so the two orders do not both send one). A restart re-sends the
 * codes (idempotent: nothing changes) and finds the sample check, so it adds nothing.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { barcode, blurred, codeCloseUp, label, productShot } from '../workers/detectors/authenticityPhotos/renderedPhotos.ts';

export const SAMPLE_GTIN = '09506000134352';
const SAMPLE_ORDER = 'o-sample-1';

const serial = (n: number) => `AB${String(n).padStart(6, '0')}`;
const dataMatrix = async (unit: string) => await barcode('gs1datamatrix', `(01)${SAMPLE_GTIN}(21)${unit}`, { scale: 4 });

/** Writes the walk-through's photos (each run: they are drawn the same every time) and returns their folder. */
export async function writeAuthenticitySamples(dataDir: string): Promise<string> {
  const folder = path.join(dataDir, 'samples', 'authenticity-checks');
  await mkdir(folder, { recursive: true });
  const [genuine, retaken] = await Promise.all([codeCloseUp(await dataMatrix(serial(1))), label({ code: await dataMatrix(serial(3)) })]);
  await writeFile(path.join(folder, 'code-AB000001.jpg'), genuine);
  await writeFile(path.join(folder, 'label-AB000003.jpg'), retaken);
  await writeFile(path.join(folder, 'label-AB000003-blurred.jpg'), await blurred(retaken, 8));
  await writeFile(path.join(folder, 'product.jpg'), await productShot());
  return folder;
}

export async function submitSampleAuthenticityChecks(apiUrl: string, apiKey: string, dataDir: string, log: (line: string) => void): Promise<void> {
  const authorization = `Bearer ${apiKey}`;
  const call = async (method: string, url: string, body?: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
    const response = await fetch(`${apiUrl}${url}`, { method, headers: { authorization, ...headers }, ...(body === undefined ? {} : { body }) });
    if (response.status >= 400) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const folder = await writeAuthenticitySamples(dataDir);
  await call('PUT', '/v1/brands/brush-co', JSON.stringify({ name: 'Brush Co', gtins: [SAMPLE_GTIN], serialPattern: '[A-Z]{2}\\d{6}', codeRegistry: 'bonafide' }));
  const codes = [
    ...Array.from({ length: 20 }, (_, index) => ({ gtin: SAMPLE_GTIN, serial: serial(index + 1), status: 'issued', batch: 'L42' })),
    { gtin: SAMPLE_GTIN, serial: serial(99), status: 'revoked' },
  ];
  // an import batch: the sample checks below need the codes written, so wait for it
  let codeImport = await call('POST', '/v1/brands/brush-co/codes?wait=30', codes.map((code) => JSON.stringify(code)).join('\n'), { 'content-type': 'application/x-ndjson', 'idempotency-key': randomUUID() });
  for (let attempt = 0; codeImport.status === 'running' && attempt < 120; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    codeImport = await call('GET', `/v1/brand-code-imports/${String(codeImport.id)}`);
  }
  if (codeImport.status !== 'completed') throw new Error(`the sample brand's codes were not written: ${JSON.stringify(codeImport)}`);

  const known = (await call('GET', `/v1/authenticity-checks?orderId=${SAMPLE_ORDER}`)) as { items?: { buyerUrl?: string }[] };
  let buyerUrl = known.items?.[0]?.buyerUrl;
  if (!buyerUrl) {
    const body = { orderId: SAMPLE_ORDER, buyerId: 'b-sample-1', sellerId: 'shop-7', brandKey: 'brush-co' };
    buyerUrl = (await call('POST', '/v1/authenticity-checks', JSON.stringify(body), { 'content-type': 'application/json', 'idempotency-key': randomUUID() })).buyerUrl as string;
  }
  log(`brand brush-co enrolled with 21 unit codes; sample order ${SAMPLE_ORDER}'s buyer page: ${buyerUrl}; walk-through photos in ${path.relative(process.cwd(), folder)}`);
}
