import { LinearProgress, Stack } from '@mui/material';
import { Show, useRecordContext } from 'react-admin';
import { CaseHeader } from './CaseHeader.tsx';
import { DecisionRecorded } from './DecisionRecorded.tsx';
import { evidencePanelFor } from './evidencePanels.ts';
import { SellerHistoryCard } from './SellerHistoryCard.tsx';
import { SignalsCard } from './SignalsCard.tsx';
import { isCaseDetail, type CaseRecord } from './types.ts';
import { VerdictCard } from './VerdictCard.tsx';
import { WorkPanel } from './WorkPanel.tsx';

function CaseShowLayout() {
  const record = useRecordContext<CaseRecord>();
  if (!record) return null;
  // Coming from the list, react-admin shows the list's record until GET /cases/:id answers.
  if (!isCaseDetail(record)) {
    return (
      <Stack spacing={2} sx={{ mt: 1 }}>
        <CaseHeader record={record} />
        <LinearProgress />
      </Stack>
    );
  }
  const EvidencePanel = evidencePanelFor(record.subjectType);
  return (
    <Stack spacing={2} sx={{ mt: 1 }}>
      <CaseHeader record={record} />
      <DecisionRecorded record={record} />
      {record.status === 'open' && <WorkPanel key={record.id} record={record} />}
      <VerdictCard record={record} />
      <EvidencePanel record={record} />
      <SignalsCard signals={record.signals} />
      {record.seller && <SellerHistoryCard seller={record.seller} />}
    </Stack>
  );
}

/** One case with everything needed to decide it, for any subject type. */
export function CaseShow() {
  return (
    <Show<CaseRecord> component="div" actions={false}>
      <CaseShowLayout />
    </Show>
  );
}
