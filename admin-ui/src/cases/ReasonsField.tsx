import { Chip, Stack } from '@mui/material';
import { useRecordContext } from 'react-admin';
import type { CaseRecord } from './types.ts';

/** The codes of the reasons a case was opened, one chip each; the summary shows on hover. */
export function ReasonsField(_props: { source?: string; label?: string }) {
  const record = useRecordContext<CaseRecord>();
  const reasons = Array.isArray(record?.reasons) ? record.reasons : [];
  if (reasons.length === 0) return <>—</>;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {reasons.map((reason) => (
        <Chip
          key={reason.code}
          size="small"
          variant="outlined"
          color={reason.action === 'reject' ? 'error' : 'default'}
          label={reason.code}
          title={reason.summary}
        />
      ))}
    </Stack>
  );
}
