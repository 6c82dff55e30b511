import KeyIcon from '@mui/icons-material/Key';
import { ApiKeyCreate } from './ApiKeyCreate.tsx';
import { ApiKeyEdit } from './ApiKeyEdit.tsx';
import { ApiKeyList } from './ApiKeyList.tsx';
import type { ApiKeyRecord } from './types.ts';

/** Marketplace API keys for admins: issue (shown once), rename, revoke. */
export default {
  list: ApiKeyList,
  create: ApiKeyCreate,
  edit: ApiKeyEdit,
  icon: KeyIcon,
  recordRepresentation: (record: ApiKeyRecord) => `${record.name} (${record.prefix}…)`,
};
