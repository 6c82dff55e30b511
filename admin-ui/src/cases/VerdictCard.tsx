import { Card, CardContent, CardHeader, Chip, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatScore } from './format.ts';
import { ReasonsTable } from './ReasonsTable.tsx';
import type { CaseDetail } from './types.ts';

const OUTCOME_COLORS = { approve: 'success', reject: 'error', escalate: 'warning' } as const;

function outcomeColor(outcome: string) {
  return outcome in OUTCOME_COLORS ? OUTCOME_COLORS[outcome as keyof typeof OUTCOME_COLORS] : 'default';
}

/** The policy's automated verdict, the policy version that gave it, and the reasons that sent it to review. */
export function VerdictCard({ record }: { record: CaseDetail }) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`bonafide.cases.show.${key}`, options);
  const { verdict } = record;
  return (
    <Card>
      <CardHeader title={t('verdict')} />
      <CardContent sx={{ pt: 0 }}>
        {!verdict && <Typography color="text.secondary">{t('no_verdict')}</Typography>}
        {verdict && (
          <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
            <Chip color={outcomeColor(verdict.outcome)} label={translate(`bonafide.cases.outcome.${verdict.outcome}`, { _: verdict.outcome })} />
            <Typography variant="body2">{t('score', { score: formatScore(verdict.score) })}</Typography>
            <Typography variant="body2">{t('policy', { key: verdict.policy.key, version: verdict.policy.version })}</Typography>
            <Typography variant="body2" color="text.secondary">
              {new Date(verdict.decidedAt).toLocaleString()}
            </Typography>
          </Stack>
        )}
        <Typography variant="subtitle2" sx={{ mt: 1 }}>
          {t('reasons')}
        </Typography>
        <ReasonsTable reasons={Array.isArray(record.reasons) ? record.reasons : []} />
      </CardContent>
    </Card>
  );
}
