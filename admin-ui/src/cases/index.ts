import FactCheckIcon from '@mui/icons-material/FactCheck';
import { CaseList } from './CaseList.tsx';
import { CaseShow } from './CaseShow.tsx';
import type { CaseRecord } from './types.ts';

/** How a case is named in titles and breadcrumbs: the start of its id. */
const recordRepresentation = (record: CaseRecord) => `#${String(record.id).slice(0, 8)}`;

export default {
  list: CaseList,
  show: CaseShow,
  icon: FactCheckIcon,
  recordRepresentation,
};
