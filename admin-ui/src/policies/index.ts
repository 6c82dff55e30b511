import PolicyIcon from '@mui/icons-material/Policy';
import { PolicyCreate } from './PolicyCreate.tsx';
import { PolicyList } from './PolicyList.tsx';
import { PolicyShow } from './PolicyShow.tsx';
import type { PolicyRecord } from './types.ts';

/** Policy versions for platform-wide admins: read every version, create the next one. */
export default {
  list: PolicyList,
  show: PolicyShow,
  create: PolicyCreate,
  icon: PolicyIcon,
  recordRepresentation: (record: PolicyRecord) => `${record.key} v${record.version}`,
};
