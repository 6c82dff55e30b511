import { Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { BatchResultRecord } from '../batches/batchTypes.ts';

/** A content backfill's result row on the shared batch page: the marketplace's post id and its creator. */
export function ContentBatchSubject() {
  const record = useRecordContext<BatchResultRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography variant="body2" component="span" data-testid="batch-subject">
      {translate('bonafide.content.batch.subject', { post: record.reference, creator: record.owner ?? '—' })}
    </Typography>
  );
}
