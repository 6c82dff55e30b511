import PlaylistAddCheckIcon from '@mui/icons-material/PlaylistAddCheck';
import { BatchList } from './BatchList.tsx';
import { BatchShow } from './BatchShow.tsx';
import type { BatchRecord } from './batchTypes.ts';

/** Listing screening's part of the console: the evidence panel its cases show (see cases/evidencePanels.ts) and its batches. */
export { ListingScreeningEvidence } from './ListingScreeningEvidence.tsx';

/** Batches uploaded by marketplaces, with their progress and results. */
export const listingScreeningBatches = {
  list: BatchList,
  show: BatchShow,
  icon: PlaylistAddCheckIcon,
  recordRepresentation: (record: BatchRecord) => `${record.marketplace} · ${new Date(record.createdAt).toLocaleString()}`,
};
