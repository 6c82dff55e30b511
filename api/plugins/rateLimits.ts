import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiKeyBudget } from '../auth/apiKeys.ts';

/**
 * Per-API-key request limits. Every route that authenticates a marketplace key gets the general
 * budget unless it declares its own (the seller-vetting submission, which queues OCR work, has a
 * tighter one). The request is counted by the key's lookup itself (authenticateApiKey: one
 * statement for both), after authentication and before the body is read, keyed by the API key's
 * id, so a flood costs one statement per request and an unauthenticated caller cannot spend a
 * marketplace's budget. Counters live in PostgreSQL (api/rateLimitStore.ts), so every replica
 * enforces the same budget.
 */
const WINDOW_MS = 60_000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the API key's budget this route counts against (set for every API-key route) */
    apiKeyBudget?: ApiKeyBudget;
  }
}

/** A route's `config.apiKeyBudget`; `group` names the budget (requests sharing it count together). */
export function apiKeyRateLimit(group: string, perMinute: number): ApiKeyBudget {
  return { group, perWindow: perMinute, windowMs: WINDOW_MS };
}

const asArray = <T>(hook: T | T[] | undefined): T[] => (hook === undefined ? [] : Array.isArray(hook) ? hook : [hook]);

export default fp(
  async function rateLimitsPlugin(app: FastifyInstance, { requestsPerMinute }: { requestsPerMinute: number }) {
    app.addHook('onRoute', (route: RouteOptions) => {
      if (!asArray(route.onRequest).includes(app.requireApiKey as never)) return;
      route.config = { ...route.config, apiKeyBudget: route.config?.apiKeyBudget ?? apiKeyRateLimit('api-key', requestsPerMinute) };
    });
  },
  { name: 'rate-limits', dependencies: ['authentication'] },
);
