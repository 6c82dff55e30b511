import { BooleanField, BooleanInput, CreateButton, DataTable, DateField, List, SearchInput, TextField, TopToolbar } from 'react-admin';
import type { MarketplaceRecord } from './types.ts';

const filters = [<SearchInput key="q" source="q" alwaysOn />, <BooleanInput key="disabled" source="disabled" />];
const Column = DataTable.Col<MarketplaceRecord>;

export function MarketplaceList() {
  return (
    <List<MarketplaceRecord> filters={filters} sort={{ field: 'name', order: 'ASC' }} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      <DataTable<MarketplaceRecord> rowClick="show" bulkActionButtons={false}>
        <Column source="name"><TextField source="name" /></Column>
        <Column source="slug"><TextField source="slug" /></Column>
        <Column source="disabled" disableSort><BooleanField source="disabled" /></Column>
        <Column source="createdAt" sortByOrder="DESC"><DateField source="createdAt" showTime /></Column>
      </DataTable>
    </List>
  );
}
