import { Card, CardContent, CardHeader, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { compactJson, formatScore } from './format.ts';
import type { VettingSubject } from './types.ts';

const COLUMNS = ['code', 'severity', 'score', 'summary', 'evidence', 'detector'] as const;

/** Every detector finding on the vetting, evidence as one line of JSON. */
export function SignalsTable({ subject }: { subject: VettingSubject | null | undefined }) {
  const translate = useTranslate();
  const signals = Array.isArray(subject?.signals) ? subject.signals : [];
  if (!subject) return null;
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
              {signals.map((signal, index) => {
                const evidence = compactJson(signal.evidence);
                const fullEvidence = compactJson(signal.evidence, Number.POSITIVE_INFINITY);
                return (
                  <TableRow key={`${signal.code}-${index}`}>
                    <TableCell sx={{ fontFamily: 'monospace' }}>{signal.code}</TableCell>
                    <TableCell>{signal.severity}</TableCell>
                    <TableCell>{formatScore(signal.score)}</TableCell>
                    <TableCell>{signal.summary}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }} title={fullEvidence}>
                      {evidence}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {signal.detector.id}@{signal.detector.version}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
