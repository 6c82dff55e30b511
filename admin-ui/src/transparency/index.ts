import BalanceIcon from '@mui/icons-material/Balance';
import { TransparencyReportPage } from './TransparencyReportPage.tsx';

export { canReadTransparencyReport } from './report.ts';

export default {
  list: TransparencyReportPage,
  icon: BalanceIcon,
};
