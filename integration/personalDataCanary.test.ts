/**
 * Personal data stays out of logs, out of plaintext in the database and out of Temporal's
 * stored histories: a vetting runs with a known document number and name (the canaries), then
 * the API and worker logs, a pg_dump of the database and the Temporal dev server's SQLite files
 * are searched for them.
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

const apiLogs: string[] = [];
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ documents: true, captureWorkerLogs: true });
});
afterAll(async () => platform?.close());

describe('personal data canaries', () => {
  it('never appear in logs, a database dump or the Temporal database', { timeout: 120_000 }, async () => {
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
    await app.close();
    // the document number was read, stored encrypted, and can be decrypted with the key
    const row = await platform.database.prisma.sellerVetting.findUniqueOrThrow({ where: { id: vetting.id } });
    expect(row.documentNumberHash).toMatch(/^[0-9a-f]{64}$/);
    expect(platform.protector.decrypt(row.documentNumberCiphertext!, `seller_vetting:${vetting.id}:document_number`).toString()).toBe(documentNumber);

    const logs = apiLogs.join('') + capturedWorkerLogs().join('\n');
    expect(logs.length).toBeGreaterThan(1000);
    const dump = execFileSync('pg_dump', ['--data-only', '--dbname', platform.config.DATABASE_URL], { maxBuffer: 512 * 1024 * 1024 }).toString('latin1');
    expect(dump).toContain(vetting.id);
    const temporalFile = inject('temporalDatabaseFile');
    const temporalBytes = temporalFile
      ? [temporalFile, `${temporalFile}-wal`].filter(existsSync).map((path) => readFileSync(path).toString('latin1')).join('')
      : '';
    if (temporalFile) expect(temporalBytes).toContain(vetting.id);

    for (const canary of canaries) {
      expect(logs.includes(canary), `log contains ${canary}`).toBe(false);
      expect(dump.includes(canary), `database dump contains ${canary}`).toBe(false);
      expect(temporalBytes.includes(canary), `Temporal database contains ${canary}`).toBe(false);
    }
  });
});
