import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { consoleCapabilityOfBatch } from '../capabilities.ts';

const colours: Record<string, 'primary' | 'success' | 'error' | 'warning' | 'default'> = {
  running: 'primary',
  completed: 'success',
  failed: 'error',
  escalate: 'warning',
};

/**
 * A batch's status or a result's verdict as a chip, in words the console translates: a verdict in
 * its capability's words (`bonafide.<messageKey>.batch.verdict.<word>`), a status in the shared ones.
 */
export function BatchChipField({ source = 'status' }: { source?: string; label?: string }) {
  const record = useRecordContext<Record<string, unknown>>();
  const translate = useTranslate();
  const value = record?.[source];
  if (typeof value !== 'string') return <span>—</span>;
  const capability = typeof record?.subjectType === 'string' ? consoleCapabilityOfBatch(record.subjectType) : undefined;
  const label =
    source === 'verdict' && capability ? translate(`bonafide.${capability.messageKey}.batch.verdict.${value}`, { _: value }) : translate(`bonafide.batches.${source}.${value}`, { _: value });
  return <Chip data-testid={`batch-${source}`} size="small" variant="outlined" color={colours[value] ?? 'default'} label={label} />;
}
