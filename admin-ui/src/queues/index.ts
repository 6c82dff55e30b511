import ViewListIcon from '@mui/icons-material/ViewList';
import { QueueCreate } from './QueueCreate.tsx';
import { QueueEdit } from './QueueEdit.tsx';
import { QueueList } from './QueueList.tsx';

export default {
  list: QueueList,
  create: QueueCreate,
  edit: QueueEdit,
  icon: ViewListIcon,
  recordRepresentation: 'name',
};
