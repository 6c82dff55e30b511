import AssignmentLateIcon from '@mui/icons-material/AssignmentLate';
import { Card, CardContent, CardHeader, Link, Stack, Typography } from '@mui/material';
import { Link as RouterLink, useTranslate } from 'react-admin';
import { formatDuration, type CaseStats } from './stats.ts';

function Figure({ label, value, to }: { label: string; value: string; to?: string }) {
  const number = (
    <Typography variant="h4" component="p">
      {value}
    </Typography>
  );
  return (
    <Stack>
      {to ? <Link component={RouterLink} to={to} underline="hover">{number}</Link> : number}
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
    </Stack>
  );
}

const casesPath = (filter: Record<string, unknown>) => `/cases?${new URLSearchParams({ filter: JSON.stringify(filter) }).toString()}`;

/** Open and overdue cases (links to them) and the median time from case to decision. */
export function CaseFiguresCard({ stats, error }: { stats: CaseStats | undefined; error: boolean }) {
  const translate = useTranslate();
  const t = (key: string) => translate(`bonafide.dashboard.figures.${key}`);
  return (
    <Card>
      <CardHeader avatar={<AssignmentLateIcon color="primary" />} title={t('title')} />
      <CardContent sx={{ pt: 0 }}>
        {error ? (
          <Typography color="error">{t('unavailable')}</Typography>
        ) : (
          <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Figure label={t('open')} value={stats ? String(stats.openCases) : '…'} to={casesPath({ status: 'open' })} />
            <Figure label={t('overdue')} value={stats ? String(stats.overdueCases) : '…'} to={casesPath({ status: 'open', overdue: true })} />
            <Figure label={t('median')} value={stats ? formatDuration(stats.medianSecondsToDecision) : '…'} />
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
