import type { FastifyRequest } from 'fastify';
import type { CapabilityDeclaration } from '../core/capability.ts';
import { reconcileOnRead, type ReconcileDependencies } from '../core/reconciliation.ts';

/**
 * What a capability's GET calls before answering: an unfinished subject quiet for
 * RECONCILE_ON_READ_AFTER_SECONDS has its workflow checked (core/reconciliation.ts). True when the
 * subject is now `failed` and should be presented again. Temporal not answering is logged, not an error.
 */
export async function reconciledOnRead(
  deps: ReconcileDependencies & { config: { RECONCILE_ON_READ_AFTER_SECONDS: number } },
  request: FastifyRequest,
  capability: CapabilityDeclaration,
  id: string,
): Promise<boolean> {
  return await reconcileOnRead(deps, capability, id, {
    quietForMs: deps.config.RECONCILE_ON_READ_AFTER_SECONDS * 1000,
    onError: (error) => request.log.warn({ err: error, subjectType: capability.cases.subjectType, subjectId: id }, 'could not reconcile the subject with its workflow'),
  });
}
