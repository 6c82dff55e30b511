import { Chip, Stack, Typography } from '@mui/material';
import { useEffect, useRef } from 'react';
import { DataTable, NumberField, Pagination, ReferenceField, ReferenceManyField, TextField, useListContext, useRecordContext, useTranslate } from 'react-admin';
import { consoleCapabilityOfBatch } from '../capabilities.ts';
import { BatchChipField } from './BatchChipField.tsx';
import type { BatchRecord, BatchResultRecord } from './batchTypes.ts';

/**
 * Reads the results page again whenever the batch (read again by its page while it runs or
 * settles) has moved on, so the last page read always matches the progress shown above it.
 */
function FollowBatch({ batch }: { batch: BatchRecord }) {
  const { refetch } = useListContext();
  const version = JSON.stringify([batch.status, batch.done, batch.failed, batch.counts]);
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    void refetch();
  }, [version, refetch]);
  return null;
}

function ReasonCodes() {
  const record = useRecordContext<BatchResultRecord>();
  if (!record || record.reasonCodes.length === 0) return <span>—</span>;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {record.reasonCodes.map((code) => (
        <Chip key={code} size="small" variant="outlined" label={code} />
      ))}
    </Stack>
  );
}

function Status() {
  const record = useRecordContext<BatchResultRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return <span>{translate(`bonafide.batches.screening_status.${record.status}`, { _: record.status })}</span>;
}

/** The subject as its capability draws it (its ids, in its words), or its plain reference. */
function Subject() {
  const record = useRecordContext<BatchResultRecord>();
  if (!record) return null;
  const Drawn = consoleCapabilityOfBatch(record.subjectType)?.batchSubject;
  return Drawn ? <Drawn /> : <TextField source="reference" />;
}

const Column = DataTable.Col<BatchResultRecord>;

/**
 * A batch's subjects in upload order, 25 a page, read again as the batch moves on: the subject,
 * verdict, reasons and, for an escalation, a link to its case (the subject's page in the console).
 */
export function BatchResults() {
  const batch = useRecordContext<BatchRecord>();
  const translate = useTranslate();
  if (!batch) return null;
  return (
    <ReferenceManyField<BatchRecord, BatchResultRecord>
      reference="batch-results"
      target="batchId"
      sort={{ field: 'line', order: 'ASC' }}
      perPage={25}
      pagination={<Pagination rowsPerPageOptions={[25, 50, 100]} />}
      empty={<Typography color="text.secondary">{translate('bonafide.batches.no_results')}</Typography>}
    >
      <FollowBatch batch={batch} />
      <DataTable<BatchResultRecord> bulkActionButtons={false} rowClick={false} data-testid="batch-results">
        <Column source="line">
          <NumberField source="line" />
        </Column>
        <Column source="reference" field={Subject} disableSort />
        <Column source="verdict" field={BatchChipField} disableSort />
        <Column source="status" field={Status} disableSort />
        <Column source="reasonCodes" field={ReasonCodes} disableSort />
        <Column source="caseId" disableSort>
          <ReferenceField source="caseId" reference="cases" link="show" emptyText="—" />
        </Column>
      </DataTable>
    </ReferenceManyField>
  );
}
