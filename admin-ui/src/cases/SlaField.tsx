import { Typography } from '@mui/material';
import { useLocaleState, useRecordContext } from 'react-admin';
import { slaState } from './sla.ts';
import type { CaseRecord } from './types.ts';

/** When the case is due, relative to now; red once the deadline has passed (decided cases stay neutral). */
export function SlaField(_props: { source?: string; label?: string }) {
  const record = useRecordContext<CaseRecord>();
  const [locale] = useLocaleState();
  if (!record) return null;
  const sla = slaState(record.slaDueAt, new Date(), locale);
  if (!sla) return <>—</>;
  const late = sla.overdue && record.status === 'open';
  return (
    <Typography
      component="span"
      variant="body2"
      color={late ? 'error' : 'inherit'}
      sx={{ fontWeight: late ? 600 : undefined }}
      title={new Date(record.slaDueAt).toLocaleString(locale)}
    >
      {sla.label}
    </Typography>
  );
}
