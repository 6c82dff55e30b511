import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import RefreshIcon from '@mui/icons-material/Refresh';
import { Card, CardContent, CardHeader, Chip, IconButton, List, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { HealthSnapshot } from './health.ts';
import { HealthRowItem } from './HealthRowItem.tsx';
import { useHealth } from './useHealth.ts';

function summary(snapshot: HealthSnapshot | undefined) {
  if (!snapshot) return { label: 'checking', color: 'default' } as const;
  if (snapshot.kind === 'unreachable') return { label: 'unreachable', color: 'error' } as const;
  return snapshot.overall === 'ok'
    ? ({ label: 'ok', color: 'success' } as const)
    : ({ label: 'degraded', color: 'warning' } as const);
}

/** Dashboard card showing /healthz: overall state plus one row per dependency. */
export function HealthCard() {
  const translate = useTranslate();
  const { snapshot, refresh } = useHealth();
  const { label, color } = summary(snapshot);
  const refreshLabel = translate('bonafide.dashboard.health.refresh');

  return (
    <Card>
      <CardHeader
        avatar={<MonitorHeartIcon color="primary" />}
        title={translate('bonafide.dashboard.health.title')}
        action={
          <IconButton aria-label={refreshLabel} title={refreshLabel} onClick={refresh}>
            <RefreshIcon />
          </IconButton>
        }
      />
      <CardContent sx={{ pt: 0 }}>
        <Chip size="small" color={color} label={translate(`bonafide.dashboard.health.${label}`)} />
        {snapshot?.kind === 'report' && (
          <List dense>
            {snapshot.rows.map((row) => (
              <HealthRowItem key={row.name} row={row} />
            ))}
          </List>
        )}
        {snapshot?.kind === 'unreachable' && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {snapshot.reason}
          </Typography>
        )}
        {snapshot && (
          <Typography variant="caption" color="text.secondary" component="p">
            {translate('bonafide.dashboard.health.checked_at', { time: snapshot.checkedAt.toLocaleTimeString() })}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}
