import { CreateButton, DataTable, DateField, List, NumberField, TextField, TextInput, TopToolbar } from 'react-admin';
import type { PolicyRecord } from './types.ts';

const filters = [<TextInput key="key" source="key" alwaysOn />];
const Column = DataTable.Col<PolicyRecord>;

/** Every version of every policy; the highest version of a key is the one in force. */
export function PolicyList() {
  return (
    <List<PolicyRecord> filters={filters} sort={{ field: 'key', order: 'ASC' }} actions={<TopToolbar><CreateButton label="bonafide.policies.new_version" /></TopToolbar>}>
      <DataTable<PolicyRecord> rowClick="show" bulkActionButtons={false}>
        <Column source="key"><TextField source="key" /></Column>
        <Column source="version"><NumberField source="version" /></Column>
        <Column source="note" disableSort><TextField source="note" emptyText="–" /></Column>
        <Column source="createdBy" disableSort><TextField source="createdBy" emptyText="–" /></Column>
        <Column source="createdAt" sortByOrder="DESC"><DateField source="createdAt" showTime /></Column>
      </DataTable>
    </List>
  );
}
