import { Box } from '@mui/material';
import { Title } from 'react-admin';
import { HealthCard } from './HealthCard.tsx';
import { LinksCard } from './LinksCard.tsx';
import { SessionCard } from './SessionCard.tsx';

/** The console home page: a grid of small, independent cards. */
export function Dashboard() {
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
      <HealthCard />
      <SessionCard />
      <LinksCard />
    </Box>
  );
}
