import LockIcon from '@mui/icons-material/Lock';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import { Button, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ClaimState } from './claim.ts';

interface Props {
  state: ClaimState;
  canWork: boolean;
  canRelease: boolean;
  busy: boolean;
  onClaim: () => void;
  onRelease: () => void;
}

/** Who holds the case and until when, with Claim or Release. */
export function ClaimBar({ state, canWork, canRelease, busy, onClaim, onRelease }: Props) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`bonafide.cases.claim.${key}`, options);
  const until = state.kind === 'free' ? '' : new Date(state.until).toLocaleString();
  const text =
    state.kind === 'free' ? t('free') : state.kind === 'mine' ? t('mine', { until }) : t('other', { holder: state.holder, until });
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
      <Typography variant="body2" color={state.kind === 'other' ? 'warning.main' : 'text.primary'} sx={{ fontWeight: state.kind === 'other' ? 600 : undefined }}>
        {text}
      </Typography>
      {canWork && state.kind !== 'mine' && (
        <Button size="small" variant="outlined" startIcon={<LockIcon />} disabled={busy || state.kind === 'other'} onClick={onClaim}>
          {t('claim')}
        </Button>
      )}
      {canRelease && (
        <Button size="small" variant="outlined" color="inherit" startIcon={<LockOpenIcon />} disabled={busy} onClick={onRelease}>
          {t('release')}
        </Button>
      )}
    </Stack>
  );
}
