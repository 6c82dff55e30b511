import { Card, CardContent, CardHeader, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { EvidenceView } from './EvidenceView.tsx';
import { formatScore } from './format.ts';
import type { CaseSignal } from './types.ts';

const COLUMNS = ['code', 'severity', 'score', 'summary', 'evidence'] as const;
const SEVERITY_COLORS: Record<string, 'default' | 'info' | 'warning' | 'error'> = { info: 'info', low: 'default', medium: 'warning', high: 'error', critical: 'error' };

/** Every detector finding on the subject, with its evidence laid out for people. */
export function SignalsCard({ signals }: { signals: CaseSignal[] }) {
  const translate = useTranslate();
  return (
    <Card>
      <CardHeader title={translate('bonafide.cases.show.signals')} />
      <CardContent sx={{ pt: 0, overflowX: 'auto' }}>
        {signals.length === 0 ? (
          <Typography color="text.secondary">{translate('bonafide.cases.show.no_signals')}</Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                {COLUMNS.map((key) => (
                  <TableCell key={key}>{translate(`bonafide.cases.signal.${key}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {signals.map((signal, index) => (
                <TableRow key={`${signal.code}-${index}`} sx={{ verticalAlign: 'top' }}>
                  <TableCell>
                    <Stack spacing={0.5}>
                      <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
                        {signal.code}
                      </Typography>
                      <Typography variant="caption" color="text.secondary">
                        {signal.detector.id}@{signal.detector.version}
                      </Typography>
                    </Stack>
                  </TableCell>
                  <TableCell>
                    <Chip size="small" color={SEVERITY_COLORS[signal.severity] ?? 'default'} label={signal.severity} />
                  </TableCell>
                  <TableCell>{formatScore(signal.score)}</TableCell>
                  <TableCell sx={{ minWidth: 200 }}>{signal.summary}</TableCell>
                  <TableCell sx={{ minWidth: 260 }}>
                    <EvidenceView value={signal.evidence} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
