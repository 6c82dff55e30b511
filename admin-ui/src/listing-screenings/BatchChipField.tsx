import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

const colours: Record<string, 'primary' | 'success' | 'error' | 'warning' | 'default'> = {
  running: 'primary',
  completed: 'success',
  failed: 'error',
  allow: 'success',
  block: 'error',
  escalate: 'warning',
};

/** A batch's status or a result's verdict as a chip, in words the console translates. */
export function BatchChipField({ source = 'status' }: { source?: string; label?: string }) {
  const record = useRecordContext<Record<string, unknown>>();
  const translate = useTranslate();
  const value = record?.[source];
  if (typeof value !== 'string') return <span>—</span>;
  return <Chip data-testid={`batch-${source}`} size="small" variant="outlined" color={colours[value] ?? 'default'} label={translate(`bonafide.listing.batches.${source}.${value}`, { _: value })} />;
}
