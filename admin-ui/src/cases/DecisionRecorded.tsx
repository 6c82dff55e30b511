import { Alert, AlertTitle, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { isCaseDetail, type CaseDetail, type CaseRecord } from './types.ts';

/** Once the workflow has recorded the decision: what was decided, by whom, when, and the note. */
export function DecisionRecorded({ record }: { record: CaseRecord | CaseDetail }) {
  const translate = useTranslate();
  const { decision } = record;
  if (record.status !== 'decided' || !decision) return null;
  const options = isCaseDetail(record) ? record.decisions : [];
  const label = options.find((option) => option.value === decision.decision)?.label ?? decision.decision;
  const destructive = options.find((option) => option.value === decision.decision)?.destructive ?? false;
  return (
    <Alert severity={destructive ? 'error' : 'success'} variant="outlined">
      <AlertTitle>
        {translate('bonafide.cases.decision.recorded', { at: new Date(decision.at).toLocaleString(), decision: label, moderator: decision.moderatorName })}
      </AlertTitle>
      {decision.note && <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>{decision.note}</Typography>}
    </Alert>
  );
}
