import { Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { BatchResultRecord } from '../batches/batchTypes.ts';

/** A listing batch's result row on the shared batch page: the marketplace's listing id and its seller. */
export function ListingBatchSubject() {
  const record = useRecordContext<BatchResultRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography variant="body2" component="span" data-testid="batch-subject">
      {translate('bonafide.listing.batch.subject', { listing: record.reference, seller: record.owner ?? '—' })}
    </Typography>
  );
}
