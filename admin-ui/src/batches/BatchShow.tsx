import { Alert, Chip, Stack, Typography } from '@mui/material';
import { ArrayField, DataTable, DateField, Labeled, NumberField, Show, SimpleShowLayout, TextField, useRecordContext, useTranslate } from 'react-admin';
import { BatchProgressField } from './BatchProgressField.tsx';
import { BatchResults } from './BatchResults.tsx';
import { BatchChipField } from './BatchChipField.tsx';
import { consoleCapabilityOfBatch } from '../capabilities.ts';
import { batchWords } from './batchWords.ts';
import { refreshWhileRunning, refusedNotListed, type BatchCounts, type BatchRecord, type RejectedLine } from './batchTypes.ts';

const COUNT_KEYS: Exclude<keyof BatchCounts, 'verdicts'>[] = ['awaitingReview', 'failed', 'pending', 'refused'];

/** Where the batch's subjects stand, one chip per kind of answer: each final verdict in its capability's words, then the rest. */
function Counts(_props: { label?: string }) {
  const record = useRecordContext<BatchRecord>();
  const translate = useTranslate();
  if (!record?.counts) return null;
  const counts = record.counts;
  const messageKey = consoleCapabilityOfBatch(record.subjectType)?.messageKey;
  const words = batchWords(translate, record.subjectType);
  const verdictWord = (verdict: string) => (messageKey ? translate(`bonafide.${messageKey}.batch.verdict.${verdict}`, { _: verdict }) : verdict);
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="batch-counts">
      {Object.entries(counts.verdicts).map(([verdict, count]) => (
        <Chip key={`verdict-${verdict}`} size="small" variant="filled" label={translate('bonafide.batches.verdict', { verdict: verdictWord(verdict), smart_count: count })} />
      ))}
      {COUNT_KEYS.map((key) => (
        <Chip key={key} size="small" variant={counts[key] > 0 ? 'filled' : 'outlined'} label={words(`counts.${key}`, { smart_count: counts[key] })} />
      ))}
    </Stack>
  );
}

/** Why a failed batch ended: the reason code and the detail for an operator. */
function Failure(_props: { label?: string | false }) {
  const record = useRecordContext<BatchRecord>();
  const translate = useTranslate();
  if (!record?.failure) return null;
  return (
    <Alert severity="error" data-testid="batch-failure">
      {translate('bonafide.batches.failure', { reason: record.failure.reason, detail: record.failure.detail ?? '—' })}
    </Alert>
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
        <DataTable<RejectedLine> bulkActionButtons={false} rowClick={false} empty={<Typography color="text.secondary">{translate('bonafide.batches.no_refused')}</Typography>}>
          <Column source="line" label="bonafide.batches.line" disableSort>
            <NumberField source="line" />
          </Column>
          <Column source="errors" label="bonafide.batches.errors" field={LineErrors} disableSort />
        </DataTable>
      </ArrayField>
      {more > 0 && <Typography variant="body2" color="text.secondary">{translate('bonafide.batches.refused_more', { smart_count: more })}</Typography>}
    </Stack>
  );
}

/** One batch of any capability: progress (followed while it runs), why it failed, where its subjects stand, refused lines and the results page by page. */
export function BatchShow() {
  return (
    <Show<BatchRecord> queryOptions={{ refetchInterval: (query) => refreshWhileRunning(query.state.data) }}>
      <SimpleShowLayout>
        <TextField source="subjectLabel" />
        <TextField source="marketplace" />
        <BatchChipField source="status" label="resources.batches.fields.status" />
        <DateField source="createdAt" showTime />
        <DateField source="completedAt" showTime emptyText="—" />
        <BatchProgressField label="resources.batches.fields.progress" />
        {/* unlabelled: the alert says what it is, and nothing shows for a batch that did not fail */}
        <Failure label={false} />
        <Counts label="resources.batches.fields.counts" />
        <RefusedLines label="resources.batches.fields.rejectedLines" />
        <Labeled label="resources.batches.fields.results" fullWidth>
          <BatchResults />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
