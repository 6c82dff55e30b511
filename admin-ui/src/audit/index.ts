import HistoryEduIcon from '@mui/icons-material/HistoryEdu';
import { AuditList } from './AuditList.tsx';

export { canReadAuditLog } from './auditAccess.ts';

export default {
  list: AuditList,
  icon: HistoryEduIcon,
};
