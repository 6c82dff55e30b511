import type { Identifier } from 'react-admin';
import type { HttpClient } from '../http/httpClient.ts';
import type { CaseRecord, DecisionRequest, DecisionResult } from './types.ts';

/** What a moderator does to a case beyond reading it; every call is pessimistic. */
export interface CaseActions {
  /** Settles a case; resolves once the workflow has accepted the decision. */
  decideCase(id: Identifier, decision: DecisionRequest): Promise<DecisionResult>;
  /** Takes the case; others see the holder until the claim lapses. */
  claimCase(id: Identifier): Promise<void>;
  /** Returns the case to its queue. */
  releaseCase(id: Identifier): Promise<void>;
  /** Hands the case to senior moderators, with the note they need. */
  escalateCase(id: Identifier, note: string): Promise<void>;
  /**
   * Reads the case's list entry, bypassing react-admin's cache, to follow the workflow. The list
   * entry carries no personal data, so following a decision adds no views to the audit log.
   */
  readCaseSummary(id: Identifier): Promise<CaseRecord>;
}

function readDecisionResult(body: unknown, fallback: DecisionResult): DecisionResult {
  if (typeof body !== 'object' || body === null) return fallback;
  const { caseId, decision, accepted } = body as Record<string, unknown>;
  return {
    caseId: typeof caseId === 'string' ? caseId : fallback.caseId,
    decision: typeof decision === 'string' ? decision : fallback.decision,
    accepted: typeof accepted === 'boolean' ? accepted : fallback.accepted,
  };
}

export function createCaseActions(request: HttpClient, apiUrl: string): CaseActions {
  const caseUrl = (id: Identifier, action = '') => `${apiUrl}/cases/${encodeURIComponent(String(id))}${action}`;
  return {
    async decideCase(id, decision) {
      const res = await request(caseUrl(id, '/decision'), { method: 'POST', body: JSON.stringify(decision) });
      return readDecisionResult(res.json, { caseId: String(id), decision: decision.decision, accepted: true });
    },
    async claimCase(id) {
      // no body: the guard wants JSON only when there is one
      await request(caseUrl(id, '/claim'), { method: 'POST' });
    },
    async releaseCase(id) {
      await request(caseUrl(id, '/claim'), { method: 'DELETE' });
    },
    async escalateCase(id, note) {
      await request(caseUrl(id, '/escalation'), { method: 'POST', body: JSON.stringify({ note }) });
    },
    async readCaseSummary(id) {
      const filter = encodeURIComponent(JSON.stringify({ id: [String(id)] }));
      const rows = (await request(`${apiUrl}/cases?filter=${filter}`)).json;
      const row: unknown = Array.isArray(rows) ? rows[0] : undefined;
      if (!row) throw new Error(`case ${String(id)} is no longer listed`);
      return row as CaseRecord;
    },
  };
}
