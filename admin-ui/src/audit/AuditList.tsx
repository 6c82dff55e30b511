import { Typography } from '@mui/material';
import { DataTable, DateField, List, TextField, TextInput, useRecordContext } from 'react-admin';
import { EvidenceView } from '../cases/EvidenceView.tsx';

interface AuditRecord {
  id: string;
  at: string;
  actor: { type: string; id: string | null; label: string };
  action: string;
  objectType: string;
  objectId: string | null;
  detail: Record<string, unknown>;
  ipAddress: string | null;
}

function Actor() {
  const record = useRecordContext<AuditRecord>();
  if (!record) return null;
  return (
    <>
      <Typography variant="body2">{record.actor.label}</Typography>
      <Typography variant="caption" color="text.secondary">
        {record.actor.type}
      </Typography>
    </>
  );
}

function AuditObject() {
  const record = useRecordContext<AuditRecord>();
  if (!record) return null;
  return (
    <>
      <Typography variant="body2">{record.objectType}</Typography>
      <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
        {record.objectId ?? ''}
      </Typography>
    </>
  );
}

function Detail() {
  const record = useRecordContext<AuditRecord>();
  return record ? <EvidenceView value={record.detail} /> : null;
}

const filters = [
  <TextInput key="action" source="action" alwaysOn />,
  <TextInput key="objectType" source="objectType" />,
  <TextInput key="objectId" source="objectId" />,
  <TextInput key="actorId" source="actorId" />,
];

const Column = DataTable.Col<AuditRecord>;

/** Who did what, when, to which object, from where: read-only, newest first. */
export function AuditList() {
  return (
    <List<AuditRecord> filters={filters} sort={{ field: 'id', order: 'DESC' }} perPage={50}>
      <DataTable<AuditRecord> bulkActionButtons={false} rowClick={false}>
        <Column source="at" disableSort>
          <DateField source="at" showTime />
        </Column>
        <Column source="actor" field={Actor} disableSort />
        <Column source="action" disableSort>
          <TextField source="action" sx={{ fontFamily: 'monospace' }} />
        </Column>
        <Column source="objectType" field={AuditObject} disableSort />
        <Column source="detail" field={Detail} disableSort />
        <Column source="ipAddress" disableSort />
      </DataTable>
    </List>
  );
}
