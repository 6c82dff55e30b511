import { Chip, Stack, Typography } from '@mui/material';
import { CreateButton, DataTable, DeleteButton, EditButton, List, TextField, TopToolbar, usePermissions, useRecordContext } from 'react-admin';
import { queueCasesPath } from '../cases/caseFilters.ts';
import { canDefineQueues } from './queueBody.ts';

interface QueueRecord {
  id: string;
  name: string;
  subjectTypes: string[];
  signalCodes: string[];
  priorities: string[];
  tenantIds: string[];
  roles: string[];
  open: number;
  overdue: number;
}

function Chips({ source }: { source: 'subjectTypes' | 'signalCodes' | 'priorities' | 'roles' | 'tenantIds' }) {
  const record = useRecordContext<QueueRecord>();
  const values = record?.[source] ?? [];
  if (values.length === 0) return <Typography variant="body2" color="text.secondary">—</Typography>;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {values.map((value) => (
        <Chip key={value} size="small" variant="outlined" label={source === 'tenantIds' ? value.slice(0, 8) : value} title={value} />
      ))}
    </Stack>
  );
}

function Overdue() {
  const record = useRecordContext<QueueRecord>();
  if (!record) return null;
  return <Chip size="small" color={record.overdue > 0 ? 'error' : 'default'} label={record.overdue} />;
}

function Actions() {
  const { permissions } = usePermissions<unknown>();
  return <TopToolbar>{canDefineQueues(permissions) && <CreateButton />}</TopToolbar>;
}

const Column = DataTable.Col<QueueRecord>;

/** The queues open to the user's role with their counts; a row opens its cases. Admins define them. */
export function QueueList() {
  const { permissions } = usePermissions<unknown>();
  const admin = canDefineQueues(permissions);
  return (
    <List<QueueRecord> actions={<Actions />} sort={{ field: 'name', order: 'ASC' }} pagination={false} perPage={200}>
      <DataTable<QueueRecord> rowClick={(id) => queueCasesPath(String(id))} bulkActionButtons={false}>
        <Column source="name">
          <TextField source="name" />
        </Column>
        <Column source="open" disableSort />
        <Column source="overdue" field={Overdue} disableSort />
        <Column source="subjectTypes" disableSort><Chips source="subjectTypes" /></Column>
        <Column source="signalCodes" disableSort><Chips source="signalCodes" /></Column>
        <Column source="priorities" disableSort><Chips source="priorities" /></Column>
        <Column source="tenantIds" disableSort><Chips source="tenantIds" /></Column>
        <Column source="roles" disableSort><Chips source="roles" /></Column>
        {admin && (
          <Column label="" disableSort>
            <Stack direction="row" onClick={(event) => event.stopPropagation()}>
              <EditButton />
              <DeleteButton mutationMode="pessimistic" />
            </Stack>
          </Column>
        )}
      </DataTable>
    </List>
  );
}
