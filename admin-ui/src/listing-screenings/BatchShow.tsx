import { Chip, Stack, Typography } from '@mui/material';
import { ArrayField, DataTable, DateField, Labeled, NumberField, Show, SimpleShowLayout, TextField, useRecordContext, useTranslate } from 'react-admin';
import { BatchProgressField } from './BatchProgressField.tsx';
import { BatchResults } from './BatchResults.tsx';
import { BatchChipField } from './BatchChipField.tsx';
import { refreshWhileRunning, refusedNotListed, type BatchCounts, type BatchRecord, type RejectedLine } from './batchTypes.ts';

const COUNT_KEYS: (keyof BatchCounts)[] = ['allow', 'block', 'awaitingReview', 'failed', 'pending', 'refused'];

/** Where the batch's listings stand, one chip per kind of answer. */
function Counts(_props: { label?: string }) {
  const record = useRecordContext<BatchRecord>();
  const translate = useTranslate();
  if (!record?.counts) return null;
  const counts = record.counts;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="batch-counts">
      {COUNT_KEYS.map((key) => (
        <Chip key={key} size="small" variant={counts[key] > 0 ? 'filled' : 'outlined'} label={translate(`bonafide.listing.batches.counts.${key}`, { smart_count: counts[key] })} />
      ))}
    </Stack>
  );
}

function LineErrors() {
  const record = useRecordContext<RejectedLine>();
  if (!record) return null;
  return (
    <Stack spacing={0.25}>
      {record.errors.map((error, index) => (
        <Typography key={index} variant="body2">
          <code>{error.field}</code> {error.message}
        </Typography>
      ))}
    </Stack>
  );
}

/** The lines refused at upload, by number, with what was wrong in each (the first 100 are kept). */
function RefusedLines(_props: { label?: string }) {
  const record = useRecordContext<BatchRecord>();
  const translate = useTranslate();
  if (!record) return null;
  const more = refusedNotListed(record);
  const Column = DataTable.Col<RejectedLine>;
  return (
    <Stack spacing={1}>
      <ArrayField source="rejectedLines">
        <DataTable<RejectedLine> bulkActionButtons={false} rowClick={false} empty={<Typography color="text.secondary">{translate('bonafide.listing.batches.no_refused')}</Typography>}>
          <Column source="line" label="bonafide.listing.batches.line" disableSort>
            <NumberField source="line" />
          </Column>
          <Column source="errors" label="bonafide.listing.batches.errors" field={LineErrors} disableSort />
        </DataTable>
      </ArrayField>
      {more > 0 && <Typography variant="body2" color="text.secondary">{translate('bonafide.listing.batches.refused_more', { smart_count: more })}</Typography>}
    </Stack>
  );
}

/** One batch: progress (followed while it runs), where its listings stand, refused lines and the results page by page. */
export function BatchShow() {
  return (
    <Show<BatchRecord> queryOptions={{ refetchInterval: (query) => refreshWhileRunning(query.state.data) }}>
      <SimpleShowLayout>
        <TextField source="marketplace" />
        <BatchChipField source="status" label="resources.listing-screening-batches.fields.status" />
        <DateField source="createdAt" showTime />
        <DateField source="completedAt" showTime emptyText="—" />
        <BatchProgressField label="resources.listing-screening-batches.fields.progress" />
        <Counts label="resources.listing-screening-batches.fields.counts" />
        <RefusedLines label="resources.listing-screening-batches.fields.rejectedLines" />
        <Labeled label="resources.listing-screening-batches.fields.results" fullWidth>
          <BatchResults />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
