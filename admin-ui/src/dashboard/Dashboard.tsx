import { Box } from '@mui/material';
import { Title } from 'react-admin';
import { CaseFiguresCard } from './CaseFiguresCard.tsx';
import { DecisionsChart, VerdictsChart } from './DailyCharts.tsx';
import { HealthCard } from './HealthCard.tsx';
import { LinksCard } from './LinksCard.tsx';
import { QueueChart } from './QueueChart.tsx';
import { SessionCard } from './SessionCard.tsx';
import { useStats } from './useStats.ts';

/** The console home page: case figures and charts, then health, session and tools cards. */
export function Dashboard() {
  const { stats, error } = useStats();
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        mt: 2,
        alignItems: 'start',
        gridTemplateColumns: { xs: '1fr', md: 'repeat(3, minmax(0, 1fr))' },
      }}
    >
      <Title title="ra.page.dashboard" />
      <Box sx={{ gridColumn: { md: 'span 3' } }}>
        <CaseFiguresCard stats={stats} error={error} />
      </Box>
      <QueueChart />
      <DecisionsChart stats={stats} />
      <VerdictsChart stats={stats} />
      <HealthCard />
      <SessionCard />
      <LinksCard />
    </Box>
  );
}
