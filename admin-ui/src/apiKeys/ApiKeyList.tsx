import { BooleanField, BooleanInput, DataTable, DateField, List, ReferenceField, ReferenceInput, SelectInput, TextField } from 'react-admin';
import { RevokeKeyButton } from './RevokeKeyButton.tsx';
import type { ApiKeyRecord } from './types.ts';

const filters = [
  <ReferenceInput key="marketplaceId" source="marketplaceId" reference="marketplaces" alwaysOn>
    <SelectInput optionText="name" />
  </ReferenceInput>,
  <BooleanInput key="active" source="active" />,
];
const Column = DataTable.Col<ApiKeyRecord>;

/** Every key of the marketplaces the admin manages: prefix, last use, and Revoke while active. */
export function ApiKeyList() {
  return (
    <List<ApiKeyRecord> filters={filters} sort={{ field: 'createdAt', order: 'DESC' }}>
      <DataTable<ApiKeyRecord> rowClick="edit" bulkActionButtons={false}>
        <Column source="name"><TextField source="name" /></Column>
        <Column source="prefix" disableSort><TextField source="prefix" /></Column>
        <Column source="marketplaceId" disableSort>
          <ReferenceField source="marketplaceId" reference="marketplaces" />
        </Column>
        <Column source="active" disableSort><BooleanField source="active" /></Column>
        <Column source="createdAt"><DateField source="createdAt" showTime /></Column>
        <Column source="lastUsedAt"><DateField source="lastUsedAt" showTime emptyText="–" /></Column>
        <Column source="revoke" disableSort label=" "><RevokeKeyButton /></Column>
      </DataTable>
    </List>
  );
}
