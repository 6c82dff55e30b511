/**
 * Policies are versioned rows of one table whatever they govern. Each capability's route plugin
 * registers its policy key and the shape of its `parameters` (its own limits, durations and
 * thresholds), so the console's admin API refuses a new version whose numbers the capability
 * could not read, without the admin routes naming any capability.
 */
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface PolicyKeyRegistration {
  key: string;
  /** the shape of the policy's `parameters`; a key without one takes none */
  parameters?: TSchema;
}

/** How many field errors a refused version reports (the rest are the same mistake, repeated). */
const MAX_REPORTED = 20;

export class PolicyKeyRegistry {
  readonly #entries = new Map<string, PolicyKeyRegistration>();

  register(registration: PolicyKeyRegistration): void {
    if (this.#entries.has(registration.key)) throw new Error(`policy key ${registration.key} is registered twice`);
    this.#entries.set(registration.key, registration);
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  keys(): string[] {
    return [...this.#entries.keys()].sort();
  }

  /** Problems with a version's `parameters` for its key, as `parameters/<path>: <message>`. */
  parameterProblems(key: string, parameters: unknown): string[] {
    const schema = this.#entries.get(key)?.parameters;
    if (!schema) return parameters === undefined ? [] : ['parameters: this policy takes no parameters'];
    if (parameters === undefined) return ['parameters: required for this policy'];
    const problems: string[] = [];
    for (const error of Value.Errors(schema, parameters)) {
      problems.push(`parameters${error.path}: ${error.message}`);
      if (problems.length === MAX_REPORTED) break;
    }
    return problems;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    policyKeys: PolicyKeyRegistry;
  }
}

export default fp(
  async function policyKeysPlugin(app: FastifyInstance) {
    app.decorate('policyKeys', new PolicyKeyRegistry());
  },
  { name: 'policy-keys' },
);
