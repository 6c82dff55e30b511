import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import HelpIcon from '@mui/icons-material/Help';
import { ListItem, ListItemIcon, ListItemText } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { HealthRow } from './health.ts';

const ICONS = {
  up: <CheckCircleIcon color="success" />,
  down: <ErrorIcon color="error" />,
  unknown: <HelpIcon color="disabled" />,
} as const;

/** One dependency of the health card: name, state, latency or error. */
export function HealthRowItem({ row }: { row: HealthRow }) {
  const translate = useTranslate();
  const state = translate(`bonafide.dashboard.health.${row.status}`);
  const latency =
    row.latencyMs === undefined ? undefined : translate('bonafide.dashboard.health.latency', { ms: row.latencyMs });
  const detail = [state, latency, row.error].filter(Boolean).join(' · ');
  return (
    <ListItem disableGutters>
      <ListItemIcon>{ICONS[row.status]}</ListItemIcon>
      <ListItemText primary={row.name} secondary={detail} />
    </ListItem>
  );
}
