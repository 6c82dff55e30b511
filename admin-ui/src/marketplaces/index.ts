import StorefrontIcon from '@mui/icons-material/Storefront';
import { MarketplaceCreate } from './MarketplaceCreate.tsx';
import { MarketplaceEdit } from './MarketplaceEdit.tsx';
import { MarketplaceList } from './MarketplaceList.tsx';
import { MarketplaceShow } from './MarketplaceShow.tsx';
import type { MarketplaceRecord } from './types.ts';

/** Marketplaces (tenants) for admins: create, rename, disable; their keys from the show page. */
export default {
  list: MarketplaceList,
  show: MarketplaceShow,
  create: MarketplaceCreate,
  edit: MarketplaceEdit,
  icon: StorefrontIcon,
  // rendered by react-admin as text, never as HTML
  recordRepresentation: (record: MarketplaceRecord) => record.name,
};
