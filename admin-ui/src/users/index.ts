import PeopleIcon from '@mui/icons-material/People';
import { UserCreate } from './UserCreate.tsx';
import { UserEdit } from './UserEdit.tsx';
import { UserList } from './UserList.tsx';
import type { UserRecord } from './types.ts';

/** Console users for platform-wide admins: role, marketplaces, disable, password reset. */
export default {
  list: UserList,
  create: UserCreate,
  edit: UserEdit,
  icon: PeopleIcon,
  recordRepresentation: (record: UserRecord) => record.email,
};
