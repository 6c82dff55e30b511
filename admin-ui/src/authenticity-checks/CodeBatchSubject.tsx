import { Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { BatchResultRecord } from '../batches/batchTypes.ts';

/** A brand-code import's result row on the shared batch page: the code (GTIN / serial) and its brand. */
export function CodeBatchSubject() {
  const record = useRecordContext<BatchResultRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography variant="body2" component="span" data-testid="batch-subject">
      {translate('bonafide.authenticity.batch.subject', { code: record.reference, brand: record.owner ?? '—' })}
    </Typography>
  );
}
