/**
 * Personal data stays out of logs, out of plaintext in the database and out of Temporal's
 * stored histories: a vetting runs with a known document number and name (the canaries), and a
 * second one whose name is on a watchlist (the listed name, close to the seller's own, is a
 * canary too); then the API and worker logs, a pg_dump of the database and Temporal's own storage
 * (the dev server's SQLite files, or a cluster's PostgreSQL databases) are searched for them. A
 * Temporal server whose storage the test cannot read fails the test: it must not pass unsearched.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { Client } from '@temporalio/client';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../api/app.ts';
import { capturedWorkerLogs, startTestPlatform, type TestPlatform } from './support/platform.ts';
import { applicantFor, labelled, submitVetting, waitForVetting } from './support/vettings.ts';

/**
 * Temporal's stored histories as searchable text: the dev server's SQLite files, or a pg_dump of
 * each cluster database (binary columns come out as hex, so callers search for the hex too).
 */
function temporalStorage(): string {
  const file = inject('temporalDatabaseFile');
  if (file) return [file, `${file}-wal`].filter(existsSync).map((path) => readFileSync(path).toString('latin1')).join('');
  const urls = inject('temporalDatabaseUrls').split(',').filter(Boolean);
  if (urls.length === 0) {
    throw new Error('cannot search the Temporal server\'s storage: no dev-server database file and no TEMPORAL_PERSISTENCE_DATABASE_URLS for the cluster');
  }
  return urls.map((url) => execFileSync('pg_dump', ['--data-only', '--dbname', url], { maxBuffer: 1024 * 1024 * 1024 }).toString('latin1')).join('\n');
}

const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');
const contains = (haystack: string, needle: string) => haystack.includes(needle) || haystack.includes(hex(needle));

const apiLogs: string[] = [];
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ documents: true, captureWorkerLogs: true });
});
afterAll(async () => platform?.close());

describe('personal data canaries', () => {
  it('never appear in logs, a database dump or the Temporal database', { timeout: 300_000 }, async () => {
    const file = 'td3-valid-03.jpg';
    const label = labelled(file);
    const documentNumber = label.truth?.fields?.documentNumber;
    expect(documentNumber).toBeTruthy();
    const applicant = applicantFor(file);
    const canaries = [documentNumber!, label.declared.legalName, label.declared.legalName.split(' ').at(-1)!.toUpperCase(), applicant.email, applicant.phone];

    const stream = new Writable({ write: (chunk, _encoding, done) => (apiLogs.push(String(chunk)), done()) });
    const app = await buildApp({
      config: { ...platform.config, LOG_LEVEL: 'trace' },
      prisma: platform.database.prisma,
      pool: platform.database.pool,
      temporal: platform.temporal as Client,
      protector: platform.protector,
      loggerInstance: pino({ level: 'trace' }, stream),
    });
    const { apiKey } = await platform.createTenant();
    const accepted = await submitVetting({ ...platform, app }, apiKey, applicant);
    expect(accepted.statusCode).toBe(202);
    const vetting = await waitForVetting({ ...platform, app }, apiKey, accepted.json().id, (candidate) => candidate.status === 'completed');

    // A seller named like a listed person (DOB within the listed range): the listed name must not travel in evidence.
    const listedSurname = 'DENOFISKAYA';
    const listed = applicantFor('td3-valid-05.jpg', { legalName: 'Murat Denofiskaya', dateOfBirth: '1982-05-01' });
    const screened = await submitVetting({ ...platform, app }, apiKey, listed);
    expect(screened.statusCode).toBe(202);
    const matched = await waitForVetting({ ...platform, app }, apiKey, screened.json().id, (candidate) => !['received', 'screening'].includes(candidate.status));
    const watchlistSignal = matched.verdict.signals.find((signal: { code: string }) => signal.code.startsWith('watchlist.'));
    expect(watchlistSignal?.evidence).toMatchObject({ listId: 'ofac-sdn', entryId: '9047' });
    canaries.push(listedSurname, 'Denofiskaya', listed.email, listed.phone);
    await app.close();
    // the document number was read, stored encrypted, and can be decrypted with the key
    const row = await platform.database.prisma.sellerVetting.findUniqueOrThrow({ where: { id: vetting.id } });
    expect(row.documentNumberHash).toMatch(/^[0-9a-f]{64}$/);
    expect(platform.protector.decrypt(row.documentNumberCiphertext!, `seller_vetting:${vetting.id}:document_number`).toString()).toBe(documentNumber);

    const logs = apiLogs.join('') + capturedWorkerLogs().join('\n');
    expect(logs.length).toBeGreaterThan(1000);
    const dump = execFileSync('pg_dump', ['--data-only', '--dbname', platform.config.DATABASE_URL], { maxBuffer: 512 * 1024 * 1024 }).toString('latin1');
    expect(dump).toContain(vetting.id);
    const temporalBytes = temporalStorage();
    // the search reaches the stored histories: both workflows' ids are there
    expect(contains(temporalBytes, vetting.id), 'Temporal storage holds the first vetting').toBe(true);
    expect(contains(temporalBytes, matched.id), 'Temporal storage holds the watchlist vetting').toBe(true);

    for (const canary of canaries) {
      expect(logs.includes(canary), `log contains ${canary}`).toBe(false);
      expect(dump.includes(canary), `database dump contains ${canary}`).toBe(false);
      expect(contains(temporalBytes, canary), `Temporal database contains ${canary}`).toBe(false);
    }
  });
});
