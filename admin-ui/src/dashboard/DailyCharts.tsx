import { useTheme } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard } from './ChartCard.tsx';
import { dayLabel, type CaseStats } from './stats.ts';

/** Moderators' decisions per day (UTC) over the last two weeks. */
export function DecisionsChart({ stats }: { stats: CaseStats | undefined }) {
  const translate = useTranslate();
  const theme = useTheme();
  return (
    <ChartCard title="bonafide.dashboard.charts.decisions" loading={!stats} empty={false}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={stats?.daily ?? []}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" tickFormatter={dayLabel} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Line isAnimationActive={false} type="linear" dataKey="decisions" name={translate('bonafide.dashboard.charts.decisions_series')} stroke={theme.palette.primary.main} strokeWidth={2} />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/** Verdicts per day the policy settled alone, stacked with those it sent to a moderator. */
export function VerdictsChart({ stats }: { stats: CaseStats | undefined }) {
  const translate = useTranslate();
  const theme = useTheme();
  return (
    <ChartCard title="bonafide.dashboard.charts.verdicts" loading={!stats} empty={false}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={stats?.daily ?? []}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" tickFormatter={dayLabel} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar isAnimationActive={false} dataKey="automatic" name={translate('bonafide.dashboard.charts.automatic')} stackId="verdicts" fill={theme.palette.success.main} />
          <Bar isAnimationActive={false} dataKey="escalated" name={translate('bonafide.dashboard.charts.manual')} stackId="verdicts" fill={theme.palette.warning.main} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
