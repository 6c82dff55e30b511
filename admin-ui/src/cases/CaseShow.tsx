import { Stack } from '@mui/material';
import { Show, useRecordContext } from 'react-admin';
import { CaseHeader } from './CaseHeader.tsx';
import { DecisionPanel } from './DecisionPanel.tsx';
import { SignalsTable } from './SignalsTable.tsx';
import type { CaseRecord } from './types.ts';
import { VerdictCard } from './VerdictCard.tsx';

function CaseShowLayout() {
  const record = useRecordContext<CaseRecord>();
  if (!record) return null;
  return (
    <Stack spacing={2} sx={{ mt: 1 }}>
      <CaseHeader record={record} />
      {record.status === 'open' && <DecisionPanel key={record.id} record={record} />}
      <VerdictCard record={record} />
      <SignalsTable subject={record.subject} />
    </Stack>
  );
}

/** One case: its header, the decision panel while open, the verdict and the vetting's signals. */
export function CaseShow() {
  return (
    <Show<CaseRecord> component="div" actions={false}>
      <CaseShowLayout />
    </Show>
  );
}
