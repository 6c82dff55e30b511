import { useTheme } from '@mui/material';
import { useGetList, useRedirect, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { queueCasesPath } from '../cases/caseFilters.ts';
import { ChartCard } from './ChartCard.tsx';
import { queueBars } from './stats.ts';

/** Open cases per queue, overdue ones stacked in red; a bar opens the queue's cases. */
export function QueueChart() {
  const translate = useTranslate();
  const redirect = useRedirect();
  const theme = useTheme();
  const { data, isPending } = useGetList('queues', { sort: { field: 'name', order: 'ASC' }, pagination: { page: 1, perPage: 200 } });
  const bars = queueBars(data ?? []);
  const open = (entry: unknown) => {
    const id = (entry as { payload?: { id?: string } }).payload?.id;
    if (id) redirect(queueCasesPath(id));
  };
  return (
    <ChartCard title="bonafide.dashboard.charts.queues" loading={isPending} empty={bars.length === 0}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={140} />
          <Tooltip />
          <Legend />
          <Bar isAnimationActive={false} dataKey="onTime" name={translate('bonafide.dashboard.charts.on_time')} stackId="open" fill={theme.palette.primary.main} cursor="pointer" onClick={open} />
          <Bar isAnimationActive={false} dataKey="overdue" name={translate('bonafide.dashboard.charts.overdue')} stackId="open" fill={theme.palette.error.main} cursor="pointer" onClick={open} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
