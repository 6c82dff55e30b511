/**
 * The console's case routes serve every kind of case through this registry: each capability's
 * route plugin registers its subject type (from core: its label and allowed decisions), how its
 * evidence is presented to a moderator, the files a moderator may open (streamed, audited), and
 * what it adds to a seller's history. Shared routes look subject types up here and never name one.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { CaseSubjectDefinition } from '../../core/cases.ts';
import type { Moderator } from '../auth/sessions.ts';

export interface CaseAttachment {
  contentType: string;
  body: Buffer;
  /** recorded in the audit log when a moderator opens it (e.g. `personal_data.viewed`) */
  auditAction: string;
}

export interface SellerHistoryEntry {
  kind: string;
  id: string;
  at: string;
  status: string;
  outcome: string | null;
  summary: string;
}

export interface CaseSubjectRegistration {
  definition: CaseSubjectDefinition;
  /**
   * What a moderator needs to decide, for the console's evidence panel of this subject type.
   * `viewer` is the moderator; personal data shown here must be recorded with `audit`.
   */
  present(subjectId: string, context: { tenantId: string; viewer: Moderator; audit: (action: string, detail: Record<string, unknown>) => Promise<void> }): Promise<Record<string, unknown> | null>;
  attachments?: Record<string, (subjectId: string) => Promise<CaseAttachment | null>>;
  /** the seller's earlier subjects of this type (vettings, screenings, ...) */
  sellerHistory?(sellerId: string): Promise<SellerHistoryEntry[]>;
  /** moderators who may not decide this subject's case (an appeal's: who took the decision appealed) */
  excludedDeciders?(subjectId: string): Promise<string[]>;
}

export class CaseSubjectRegistry {
  readonly #entries = new Map<string, CaseSubjectRegistration>();

  register(registration: CaseSubjectRegistration): void {
    const { subjectType } = registration.definition;
    if (this.#entries.has(subjectType)) throw new Error(`case subject type ${subjectType} is registered twice`);
    this.#entries.set(subjectType, registration);
  }

  get(subjectType: string): CaseSubjectRegistration | undefined {
    return this.#entries.get(subjectType);
  }

  all(): CaseSubjectRegistration[] {
    return [...this.#entries.values()];
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    caseSubjects: CaseSubjectRegistry;
  }
}

export default fp(
  async function caseSubjectsPlugin(app: FastifyInstance) {
    app.decorate('caseSubjects', new CaseSubjectRegistry());
  },
  { name: 'case-subjects' },
);
