import type { RaRecord } from 'react-admin';

/** One version of a policy, as /admin/v1/policies returns it. */
export interface PolicyRecord extends RaRecord<string> {
  key: string;
  version: number;
  rules: unknown;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

/** The rules as the admin edits them: indented JSON text. */
export const formatRules = (value: unknown): string => (typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value, null, 2));

/** The text back to JSON; text that is not JSON stays text, for the validator to name. */
export function parseRules(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A validator for react-admin: the rules must be a JSON object (the API checks the rest). */
export const rulesAreJsonObject = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'bonafide.policies.rules_not_json';

/** What creating the next version sends. */
export const newPolicyVersion = ({ key, rules, note }: Partial<PolicyRecord>) => ({ key, rules, ...(note ? { note } : {}) });
