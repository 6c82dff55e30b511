import PlaylistAddCheckIcon from '@mui/icons-material/PlaylistAddCheck';
import { BatchList } from './BatchList.tsx';
import { BatchShow } from './BatchShow.tsx';
import type { BatchRecord } from './batchTypes.ts';

/** Batches uploaded by marketplaces, of every capability, with their progress and results. */
export default {
  list: BatchList,
  show: BatchShow,
  icon: PlaylistAddCheckIcon,
  recordRepresentation: (record: BatchRecord) => `${record.subjectLabel} · ${record.marketplace} · ${new Date(record.createdAt).toLocaleString()}`,
};
