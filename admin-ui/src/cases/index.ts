import FactCheckIcon from '@mui/icons-material/FactCheck';
import { CaseList } from './CaseList.tsx';
import { CaseShow } from './CaseShow.tsx';
import type { CaseRecord } from './types.ts';

/** How a case is named in titles and breadcrumbs: its kind and the start of its id. */
const recordRepresentation = (record: CaseRecord) => `${record.subjectLabel ?? ''} #${String(record.id).slice(0, 8)}`.trim();

export default {
  list: CaseList,
  show: CaseShow,
  icon: FactCheckIcon,
  recordRepresentation,
};
