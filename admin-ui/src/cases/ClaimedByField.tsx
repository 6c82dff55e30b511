import { Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import type { CaseRecord } from './types.ts';

/** Who holds the case right now (the API lists live claims only). */
export function ClaimedByField(_props: { source?: string; label?: string }) {
  const record = useRecordContext<CaseRecord>();
  if (!record?.claimedBy) return <>—</>;
  return (
    <Typography component="span" variant="body2" title={record.claimExpiresAt ? new Date(record.claimExpiresAt).toLocaleString() : undefined}>
      {record.claimedBy.displayName}
    </Typography>
  );
}
