import { Button as MuiButton } from '@mui/material';
import { Link } from 'react-router-dom';
import {
  BooleanField,
  DataTable,
  DateField,
  EditButton,
  Labeled,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { ApiKeyRecord } from '../apiKeys/types.ts';
import type { MarketplaceRecord } from './types.ts';

/** Opens the key form with this marketplace chosen. */
function IssueKeyButton() {
  const record = useRecordContext<MarketplaceRecord>();
  const translate = useTranslate();
  if (!record) return null;
  const source = encodeURIComponent(JSON.stringify({ marketplaceId: record.id }));
  return (
    <MuiButton component={Link} to={`/api-keys/create?source=${source}`} variant="contained" size="small">
      {translate('bonafide.api_keys.issue')}
    </MuiButton>
  );
}

const KeyColumn = DataTable.Col<ApiKeyRecord>;

export function MarketplaceShow() {
  return (
    <Show<MarketplaceRecord> actions={<TopToolbar><IssueKeyButton /><EditButton /></TopToolbar>}>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="slug" />
        <BooleanField source="disabled" />
        <DateField source="createdAt" showTime />
        <Labeled label="resources.api-keys.name" fullWidth>
          <ReferenceManyField reference="api-keys" target="marketplaceId" sort={{ field: 'createdAt', order: 'DESC' }}>
            <DataTable<ApiKeyRecord> bulkActionButtons={false} rowClick="edit">
              <KeyColumn source="name"><TextField source="name" /></KeyColumn>
              <KeyColumn source="prefix" disableSort><TextField source="prefix" /></KeyColumn>
              <KeyColumn source="active" disableSort><BooleanField source="active" /></KeyColumn>
              <KeyColumn source="lastUsedAt"><DateField source="lastUsedAt" showTime emptyText="–" /></KeyColumn>
            </DataTable>
          </ReferenceManyField>
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
