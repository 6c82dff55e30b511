import { Alert, Button, Card, CardActions, CardContent, CardHeader, LinearProgress, Stack, TextField } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useDataProvider, useGetIdentity, useNotify, usePermissions, useRefresh, useTranslate } from 'react-admin';
import type { BonafideDataProvider } from '../dataProvider.ts';
import { claimState, mayRelease } from './claim.ts';
import { ClaimBar } from './ClaimBar.tsx';
import { DecisionButtons } from './DecisionButtons.tsx';
import { decisionBody, escalationBlocker, NOTE_MAX_LENGTH, noteTooLong } from './decision.ts';
import type { CaseDetail, DecisionOption } from './types.ts';
import { useCaseAction } from './useCaseAction.ts';
import { waitForDecision } from './waitForDecision.ts';

/** How long the page follows the workflow after a decision before leaving it to a reload. */
const FOLLOW = { intervalMs: 1000, attempts: 30 };

/**
 * Claim, decide or escalate an open case. Pessimistic: nothing changes until the API has
 * accepted; after a decision the page follows the case until the workflow has recorded it.
 * When the viewer may not work the case, the API's reason replaces the buttons.
 */
export function WorkPanel({ record }: { record: CaseDetail }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<BonafideDataProvider>();
  const { identity } = useGetIdentity();
  const { permissions } = usePermissions<unknown>();
  const { pending, run } = useCaseAction();
  const [note, setNote] = useState('');
  const [following, setFollowing] = useState(false);
  const abort = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => abort.current?.abort(), []);

  const t = (key: string, options?: Record<string, unknown>) => translate(`bonafide.cases.decision.${key}`, { max: NOTE_MAX_LENGTH, ...options });
  const claim = claimState(record, identity?.id === undefined ? undefined : String(identity.id), new Date());
  const busy = pending !== undefined || following;
  const canEscalate = record.requiredRole === 'moderator';

  const follow = async () => {
    abort.current = new AbortController();
    setFollowing(true);
    try {
      const decided = await waitForDecision(() => dataProvider.readCaseSummary(record.id), { ...FOLLOW, signal: abort.current.signal });
      if (!decided && !abort.current.signal.aborted) notify('bonafide.cases.decision.not_recorded_yet', { type: 'warning' });
    } catch {
      notify('bonafide.cases.decision.not_recorded_yet', { type: 'warning' });
    } finally {
      setFollowing(false);
      refresh();
    }
  };

  const decide = async (option: DecisionOption) => {
    const accepted = await run(`decide:${option.value}`, async () => {
      const result = await dataProvider.decideCase(record.id, decisionBody(option, note));
      // On 401/403 react-admin's dataProvider proxy has already notified (or logged out) and resolves emptily.
      if (result?.accepted !== true) throw new Error('bonafide.cases.decision.failed');
    }, translate('bonafide.cases.decision.accepted', { label: option.label }));
    if (accepted) {
      setNote('');
      await follow();
    }
  };
  const escalate = async () => {
    if (await run('escalate', () => dataProvider.escalateCase(record.id, note.trim()), 'bonafide.cases.decision.escalated')) setNote('');
  };

  return (
    <Card>
      <CardHeader title={t('title')} />
      <CardContent sx={{ pt: 0 }}>
        <Stack spacing={2}>
          <ClaimBar
            state={claim}
            canWork={record.work.allowed}
            canRelease={mayRelease(claim, permissions)}
            busy={busy}
            onClaim={() => void run('claim', () => dataProvider.claimCase(record.id), 'bonafide.cases.claim.claimed')}
            onRelease={() => void run('release', () => dataProvider.releaseCase(record.id), 'bonafide.cases.claim.released')}
          />
          {following && (
            <Alert severity="info" icon={false}>
              {t('following')}
              <LinearProgress sx={{ mt: 1 }} />
            </Alert>
          )}
          {!record.work.allowed && <Alert severity="warning">{record.work.reason ?? t('not_allowed')}</Alert>}
          {record.work.allowed && (
            <TextField
              label={t('note')}
              value={note}
              onChange={(event) => setNote(event.target.value)}
              disabled={busy}
              error={noteTooLong(note)}
              helperText={noteTooLong(note) ? t('note_too_long') : t('note_help')}
              multiline
              minRows={2}
              fullWidth
            />
          )}
        </Stack>
      </CardContent>
      {record.work.allowed && (
        <CardActions sx={{ px: 2, pb: 2, gap: 1, flexWrap: 'wrap' }}>
          <DecisionButtons decisions={record.decisions} note={note} pending={following ? 'following' : pending} onDecide={(option) => void decide(option)} />
          {canEscalate && (
            <span title={escalationBlocker(note) ? t('escalate_needs_note') : undefined}>
              <Button variant="outlined" color="warning" disabled={busy || escalationBlocker(note) !== null} onClick={() => void escalate()}>
                {t('escalate')}
              </Button>
            </span>
          )}
        </CardActions>
      )}
    </Card>
  );
}
