import { Card, CardContent, CardHeader, Skeleton, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/** A dashboard card holding one chart, with a placeholder while the figures load. */
export function ChartCard({ title, loading, empty, children }: { title: string; loading: boolean; empty: boolean; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Card>
      <CardHeader title={translate(title)} titleTypographyProps={{ variant: 'subtitle1' }} />
      <CardContent sx={{ pt: 0, height: 260 }}>
        {loading ? (
          <Skeleton variant="rectangular" height="100%" />
        ) : empty ? (
          <Typography color="text.secondary">{translate('bonafide.dashboard.charts.empty')}</Typography>
        ) : (
          children
        )}
      </CardContent>
    </Card>
  );
}
