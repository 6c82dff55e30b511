import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Per-API-key request limits. Every route that authenticates a marketplace key gets the general
 * limit unless it declares its own (the seller-vetting submission, which queues OCR work, has a
 * tighter one). The limit is checked after authentication and before the body is read, keyed by
 * the API key's id, so a flood costs one upsert per request and an unauthenticated caller
 * cannot spend a marketplace's budget.
 */
const WINDOW_MS = 60_000;

/** A route's `config.rateLimit` for a per-key budget; `group` names the budget (requests sharing it count together). */
export function apiKeyRateLimit(group: string, perMinute: number) {
  return {
    max: perMinute,
    timeWindow: WINDOW_MS,
    hook: 'preParsing' as const,
    keyGenerator: (request: FastifyRequest) => `${group}:${request.tenant?.apiKeyId ?? 'anonymous'}`,
  };
}

const asArray = <T>(hook: T | T[] | undefined): T[] => (hook === undefined ? [] : Array.isArray(hook) ? hook : [hook]);

export default fp(
  async function rateLimitsPlugin(app: FastifyInstance, { requestsPerMinute }: { requestsPerMinute: number }) {
    app.addHook('onRoute', (route: RouteOptions) => {
      if (!asArray(route.onRequest).includes(app.requireApiKey as never)) return;
      route.config = { ...route.config, rateLimit: route.config?.rateLimit ?? apiKeyRateLimit('api-key', requestsPerMinute) };
    });
  },
  { name: 'rate-limits', dependencies: ['authentication'] },
);
