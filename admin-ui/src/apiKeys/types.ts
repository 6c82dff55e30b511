import type { RaRecord } from 'react-admin';

/** An API key as /admin/v1/api-keys lists it: never the secret. */
export interface ApiKeyRecord extends RaRecord<string> {
  marketplaceId: string;
  name: string;
  prefix: string;
  active: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The creation response alone carries the key itself. */
export interface IssuedApiKeyRecord extends ApiKeyRecord {
  key: string;
}

export function isIssuedKey(record: unknown): record is IssuedApiKeyRecord {
  return typeof record === 'object' && record !== null && typeof (record as { key?: unknown }).key === 'string';
}

/** Renaming is the only change; revoking is DELETE. */
export const editableApiKey = ({ name }: Partial<ApiKeyRecord>) => ({ name });
