import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, Identifier } from 'react-admin';
import type { DecisionRequest, DecisionResult } from './cases/types.ts';
import { ADMIN_API_URL } from './config.ts';
import { httpClient, type HttpClient } from './http/httpClient.ts';

/** The simple REST methods plus the console's custom calls. */
export interface BonafideDataProvider extends DataProvider {
  /** Settles an open case (pessimistic: resolves only once the API accepted it). */
  decideCase(id: Identifier, decision: DecisionRequest): Promise<DecisionResult>;
}

function readDecisionResult(body: unknown, fallback: DecisionResult): DecisionResult {
  if (typeof body !== 'object' || body === null) return fallback;
  const { caseId, outcome, accepted } = body as Record<string, unknown>;
  return {
    caseId: typeof caseId === 'string' ? caseId : fallback.caseId,
    outcome: outcome === 'approve' || outcome === 'reject' ? outcome : fallback.outcome,
    accepted: typeof accepted === 'boolean' ? accepted : fallback.accepted,
  };
}

/**
 * One dataProvider for every resource: the simple REST dialect under /admin/v1,
 * sending the session cookie and reporting API problems as ApiErrors.
 */
export function createDataProvider(request: HttpClient, apiUrl = ADMIN_API_URL): BonafideDataProvider {
  return {
    ...simpleRestProvider(apiUrl, request),
    async decideCase(id, decision) {
      const url = `${apiUrl}/cases/${encodeURIComponent(String(id))}/decision`;
      const res = await request(url, { method: 'POST', body: JSON.stringify(decision) });
      return readDecisionResult(res.json, { caseId: String(id), outcome: decision.outcome, accepted: true });
    },
  };
}

export const dataProvider = createDataProvider(httpClient);
