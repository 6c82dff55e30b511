import { BooleanField, BooleanInput, ChipField, DataTable, DateField, List, ReferenceArrayField, SearchInput, SelectField, SelectInput, SingleFieldList, TextField } from 'react-admin';
import { roleChoices, type UserRecord } from './types.ts';

const filters = [<SearchInput key="q" source="q" alwaysOn />, <SelectInput key="role" source="role" choices={roleChoices} />, <BooleanInput key="disabled" source="disabled" />];
const Column = DataTable.Col<UserRecord>;

export function UserList() {
  return (
    <List<UserRecord> filters={filters} sort={{ field: 'email', order: 'ASC' }}>
      <DataTable<UserRecord> rowClick="edit" bulkActionButtons={false}>
        <Column source="email"><TextField source="email" /></Column>
        <Column source="displayName"><TextField source="displayName" /></Column>
        <Column source="role"><SelectField source="role" choices={roleChoices} /></Column>
        <Column source="allMarketplaces" disableSort><BooleanField source="allMarketplaces" /></Column>
        <Column source="marketplaceIds" disableSort>
          <ReferenceArrayField source="marketplaceIds" reference="marketplaces">
            <SingleFieldList linkType={false}><ChipField source="name" size="small" /></SingleFieldList>
          </ReferenceArrayField>
        </Column>
        <Column source="disabled" disableSort><BooleanField source="disabled" /></Column>
        <Column source="createdAt"><DateField source="createdAt" /></Column>
      </DataTable>
    </List>
  );
}
