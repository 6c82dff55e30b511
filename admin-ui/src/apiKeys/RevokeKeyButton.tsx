import { DeleteButton, useRecordContext } from 'react-admin';
import type { ApiKeyRecord } from './types.ts';

/** Revoking is DELETE on the API (pessimistic: the key is refused once this returns); the row stays, inactive. */
export function RevokeKeyButton() {
  const record = useRecordContext<ApiKeyRecord>();
  if (!record?.active) return null;
  return (
    <DeleteButton
      label="bonafide.api_keys.revoke"
      mutationMode="pessimistic"
      confirmTitle="bonafide.api_keys.revoke_title"
      confirmContent="bonafide.api_keys.revoke_content"
      redirect={false}
    />
  );
}
