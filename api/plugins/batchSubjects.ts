/**
 * The console's batch routes serve the batches of every capability through this registry: each
 * capability's route plugin registers its subject type and label, how its subjects stand in a
 * batch, and how a page of its batch's subjects reads as result rows. The shared routes
 * (api/routes/admin/batches/) look subject types up here and never name one.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** One subject of a batch as the console lists it. */
export interface BatchResultRow {
  /** the subject's own id (its screening), under which its verdict and case are kept */
  id: string;
  /** its line in the upload */
  line: number;
  /** the marketplace's id of what was screened (a listing id, a post id) */
  reference: string;
  /** whose it is at the marketplace (a seller, a creator) */
  owner: string | null;
  status: string;
  /** the final verdict, null until there is one */
  verdict: string | null;
  completedAt: Date | null;
}

export interface BatchSubjectRegistration {
  /** as batches.subject_type holds it, and cases and verdicts name it */
  subjectType: string;
  /** e.g. "Listing screening" */
  label: string;
  /** how many of the batch's subjects are in each status, with their final verdict */
  standing(batchId: string): Promise<{ status: string; verdict: string | null; count: number }[]>;
  /** a page of the batch's subjects by upload line, and how many match */
  /** `status` and `verdict` (the final one) narrow the page when given */
  results(batchId: string, page: { skip: number; take: number; order: 'asc' | 'desc'; status?: string; verdict?: string }): Promise<{ rows: BatchResultRow[]; total: number }>;
}

export class BatchSubjectRegistry {
  readonly #entries = new Map<string, BatchSubjectRegistration>();

  register(registration: BatchSubjectRegistration): void {
    if (this.#entries.has(registration.subjectType)) throw new Error(`batch subject type ${registration.subjectType} is registered twice`);
    this.#entries.set(registration.subjectType, registration);
  }

  get(subjectType: string): BatchSubjectRegistration | undefined {
    return this.#entries.get(subjectType);
  }

  all(): BatchSubjectRegistration[] {
    return [...this.#entries.values()];
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    batchSubjects: BatchSubjectRegistry;
  }
}

export default fp(
  async function batchSubjectsPlugin(app: FastifyInstance) {
    app.decorate('batchSubjects', new BatchSubjectRegistry());
  },
  { name: 'batch-subjects' },
);
