import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { CaseRecord } from './types.ts';

/** Open cases stand out; decided ones are greyed. */
export function StatusField(_props: { source?: string; label?: string }) {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  if (!record) return null;
  const open = record.status === 'open';
  return (
    <Chip
      size="small"
      variant="outlined"
      color={open ? 'primary' : 'default'}
      label={translate(`bonafide.cases.status.${record.status}`, { _: record.status })}
    />
  );
}
