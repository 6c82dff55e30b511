/**
 * Submits statements of reasons to the DSA Transparency Database (Art. 24(5)), for every
 * marketplace that configured its endpoint and token: its pending statements, oldest first, in
 * batches of at most 100 (the database's limit for one `POST /api/v1/statements`), each under its
 * `puid` (the statement's id), which the database keeps unique per platform: a batch sent twice
 * (a retried activity, a lost answer) is answered with the puids it has already, and those count
 * as accepted.
 *
 * What the database answers decides each statement: 201, all accepted; 422 with errors per
 * statement (`statement_<index>`), those refused for good (with the reason kept) and the rest sent
 * again; 422 naming `existing_puids`, those accepted and the rest sent again. A refused token
 * (401, 403), an unreachable endpoint or a 5xx stops that marketplace's run (`lastError`); its
 * statements stay pending for the next run. Nothing personal is sent (core/statementsOfReasons.ts).
 */
import type { PrismaClient } from '../../core/database.ts';
import type { DataProtector } from '../../core/dataProtection.ts';
import { transparencyTokenContext } from '../../core/cipherContexts.ts';
import { toTransparencyDatabase } from '../../core/statementsOfReasons.ts';
import { OutboundRequestError } from '../http/errors.ts';
import { outboundFetch } from '../http/outboundFetch.ts';

/** The database takes at most this many statements a request. */
export const TRANSPARENCY_BATCH_MAX = 100;
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_ERROR_LENGTH = 1000;

export interface StatementExportInput {
  /** statements a request (at most 100) */
  batchSize: number;
  /** requests per marketplace and run, so one marketplace's backlog never holds the others' */
  maxBatches: number;
}

export interface StatementExportResult {
  marketplaces: number;
  requests: number;
  accepted: number;
  refused: number;
  /** marketplaces whose run stopped on an error, with it */
  stopped: { tenantId: string; error: string }[];
}

interface DatabaseAnswer {
  errors?: Record<string, unknown> & { existing_puids?: unknown };
}

const clip = (text: string) => text.slice(0, MAX_ERROR_LENGTH);

export function createStatementExportActivities({ prisma, protector, allowPrivateNetwork, clock }: { prisma: PrismaClient; protector: DataProtector; allowPrivateNetwork: boolean; clock: () => Date }) {
  /** One request of at most `batchSize` statements; answers how it went, or throws to stop the marketplace's run. */
  async function sendBatch(settings: { tenantId: string; url: string; token: string }, batchSize: number): Promise<{ sent: number; accepted: number; refused: number }> {
    const batch = await prisma.statementOfReasons.findMany({
      where: { tenantId: settings.tenantId, exportStatus: 'pending' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: Math.min(batchSize, TRANSPARENCY_BATCH_MAX),
    });
    if (batch.length === 0) return { sent: 0, accepted: 0, refused: 0 };
    const ids = batch.map((row) => row.id);
    await prisma.statementOfReasons.updateMany({ where: { id: { in: ids } }, data: { exportAttempts: { increment: 1 } } });
    const response = await outboundFetch(settings.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${settings.token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ statements: batch.map(toTransparencyDatabase) }),
      timeoutMs: REQUEST_TIMEOUT_MS,
      oversizedBody: 'truncate',
      allowPrivateNetwork,
    });
    const at = clock();
    const accept = async (accepted: string[]) => {
      if (accepted.length) await prisma.statementOfReasons.updateMany({ where: { id: { in: accepted }, exportStatus: 'pending' }, data: { exportStatus: 'accepted', exportedAt: at, exportError: null } });
    };
    if (response.status === 200 || response.status === 201) {
      await accept(ids);
      return { sent: batch.length, accepted: batch.length, refused: 0 };
    }
    const text = Buffer.from(response.body).toString('utf8');
    if (response.status === 422) {
      let answer: DatabaseAnswer = {};
      try {
        answer = JSON.parse(text) as DatabaseAnswer;
      } catch {
        // not the database's JSON: stop below
      }
      const errors = answer.errors ?? {};
      // puids the database holds already: sent before (a retry, a lost answer)
      const existing = Array.isArray(errors.existing_puids) ? errors.existing_puids.filter((puid): puid is string => typeof puid === 'string' && ids.includes(puid)) : [];
      // statements it refuses, by their index in the request
      const refusedByIndex = Object.entries(errors).flatMap(([key, value]) => {
        const index = /^statement_(\d+)$/.exec(key)?.[1];
        const row = index === undefined ? undefined : batch[Number(index)];
        return row ? [{ id: row.id, error: clip(JSON.stringify(value)) }] : [];
      });
      if (existing.length > 0 || refusedByIndex.length > 0) {
        await accept(existing);
        for (const { id, error } of refusedByIndex) {
          await prisma.statementOfReasons.updateMany({ where: { id, exportStatus: 'pending' }, data: { exportStatus: 'refused', exportError: error } });
        }
        return { sent: batch.length, accepted: existing.length, refused: refusedByIndex.length };
      }
    }
    const error = clip(`the database answered ${response.status}: ${text}`);
    await prisma.statementOfReasons.updateMany({ where: { id: { in: ids }, exportStatus: 'pending' }, data: { exportError: error } });
    throw new Error(error);
  }

  return {
    /** One run over every marketplace with an endpoint (the schedule's workflow, workflows/statementExport.ts). */
    async exportStatementsOfReasons(input: StatementExportInput): Promise<StatementExportResult> {
      const result: StatementExportResult = { marketplaces: 0, requests: 0, accepted: 0, refused: 0, stopped: [] };
      const configured = await prisma.transparencyDatabaseSettings.findMany({ where: { enabled: true }, orderBy: { tenantId: 'asc' } });
      for (const row of configured) {
        result.marketplaces++;
        const settings = { tenantId: row.tenantId, url: row.url, token: protector.decrypt(row.tokenCiphertext, transparencyTokenContext(row.tenantId)).toString('utf8') };
        let lastError: string | null = null;
        try {
          for (let requests = 0; requests < input.maxBatches; requests++) {
            const sent = await sendBatch(settings, input.batchSize);
            if (sent.sent === 0) break;
            result.requests++;
            result.accepted += sent.accepted;
            result.refused += sent.refused;
          }
        } catch (error) {
          lastError = clip(error instanceof OutboundRequestError ? `the endpoint could not be reached: ${error.message}` : error instanceof Error ? error.message : String(error));
          result.stopped.push({ tenantId: row.tenantId, error: lastError });
        }
        await prisma.transparencyDatabaseSettings.update({ where: { tenantId: row.tenantId }, data: { lastRunAt: clock(), lastError } });
      }
      return result;
    },
  };
}

export type StatementExportActivities = ReturnType<typeof createStatementExportActivities>;
