import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import { Button, Card, CardActions, CardContent, CardHeader, CircularProgress, TextField } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { BonafideDataProvider } from '../dataProvider.ts';
import { decisionBody, decisionFailure, NOTE_MAX_LENGTH, noteTooLong } from './decision.ts';
import type { CaseRecord, DecisionOutcome } from './types.ts';

/**
 * Approve or reject an open case. Pessimistic: nothing changes on screen until
 * the API has accepted the decision; a 409 means the case was settled elsewhere.
 */
export function DecisionPanel({ record }: { record: CaseRecord }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<BonafideDataProvider>();
  const [note, setNote] = useState('');
  const [pending, setPending] = useState<DecisionOutcome>();
  const tooLong = noteTooLong(note);
  const t = (key: string) => translate(`bonafide.cases.decision.${key}`, { max: NOTE_MAX_LENGTH });

  const decide = async (outcome: DecisionOutcome) => {
    setPending(outcome);
    try {
      const result = await dataProvider.decideCase(record.id, decisionBody(outcome, note));
      // On 401/403 react-admin's dataProvider proxy has already notified (or logged out) and resolves emptily.
      if (result.accepted !== true) return;
      notify(`bonafide.cases.decision.accepted_${outcome}`, { type: 'success' });
      setNote('');
      refresh();
    } catch (error) {
      const failure = decisionFailure(error);
      notify(failure.message, { type: failure.settled ? 'warning' : 'error', autoHideDuration: 8000 });
      if (failure.settled) refresh();
    } finally {
      setPending(undefined);
    }
  };

  const busy = pending !== undefined;
  const spinner = <CircularProgress size={16} color="inherit" />;
  return (
    <Card>
      <CardHeader title={t('title')} />
      <CardContent sx={{ pt: 0 }}>
        <TextField
          label={t('note')}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          disabled={busy}
          error={tooLong}
          helperText={tooLong ? t('note_too_long') : t('note_help')}
          multiline
          minRows={2}
          fullWidth
        />
      </CardContent>
      <CardActions sx={{ px: 2, pb: 2 }}>
        <Button
          variant="contained"
          color="success"
          startIcon={pending === 'approve' ? spinner : <CheckIcon />}
          disabled={busy || tooLong}
          onClick={() => decide('approve')}
        >
          {t('approve')}
        </Button>
        <Button
          variant="contained"
          color="error"
          startIcon={pending === 'reject' ? spinner : <CloseIcon />}
          disabled={busy || tooLong}
          onClick={() => decide('reject')}
        >
          {t('reject')}
        </Button>
      </CardActions>
    </Card>
  );
}
