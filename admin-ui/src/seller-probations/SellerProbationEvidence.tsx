import { Alert, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { EvidenceFrame, EvidenceSection as Section, SubjectMissing, useScopedTranslate } from '../cases/EvidenceFrame.tsx';
import type { EvidencePanelProps } from '../cases/evidencePanels.ts';
import { readProbationSubject, type MetricRow } from './probationSubject.ts';

function MetricState({ row }: { row: MetricRow }) {
  const translate = useTranslate();
  if (row.within === null) return <Typography variant="body2" color="text.secondary">{row.metric.endsWith('_rate') ? translate('bonafide.probation.not_evaluated') : ''}</Typography>;
  return <Chip size="small" color={row.within ? 'success' : 'error'} variant={row.within ? 'outlined' : 'filled'} label={translate(row.within ? 'bonafide.probation.within' : 'bonafide.probation.over')} />;
}

/** A probation case's evidence: the metrics against their limits, the held payouts, every state change. */
export function SellerProbationEvidence({ record }: EvidencePanelProps) {
  const t = useScopedTranslate('bonafide.probation');
  const subject = readProbationSubject(record.subject);
  if (!subject) return <SubjectMissing />;
  return (
    <EvidenceFrame title={t('title')} subheader={t('subheader', { seller: subject.sellerId, status: subject.status, version: subject.policyVersion ?? '—' })}>
      <Stack spacing={3}>
        {subject.restrictionReasons.length > 0 && <Alert severity="error">{t('restricted_for', { reasons: subject.restrictionReasons.join(', ') })}</Alert>}
        <Section title={t('metrics')}>
          <Table size="small" data-testid="probation-metrics">
            <TableHead>
              <TableRow>
                <TableCell>{t('column.metric')}</TableCell>
                <TableCell>{t('column.value')}</TableCell>
                <TableCell>{t('column.limit')}</TableCell>
                <TableCell>{t('column.state')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {subject.metrics.map((row) => (
                <TableRow key={row.metric}>
                  <TableCell>{t(`metric.${row.metric}`)}</TableCell>
                  <TableCell>{row.value}</TableCell>
                  <TableCell>{row.limit}</TableCell>
                  <TableCell>
                    <MetricState row={row} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
        <Section title={t('held', { count: subject.heldPayouts.length })}>
          {subject.heldPayouts.length === 0 ? (
            <Typography color="text.secondary">{t('none_held')}</Typography>
          ) : (
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {subject.heldPayouts.map((payout) => (
                <Chip key={payout.orderId} size="small" label={`${payout.orderId}: ${payout.reasons.join(', ')}`} />
              ))}
            </Stack>
          )}
        </Section>
        <Section title={t('changes')}>
          {subject.changes.length === 0 ? (
            <Typography color="text.secondary">{t('no_changes')}</Typography>
          ) : (
            <Table size="small" data-testid="probation-changes">
              <TableHead>
                <TableRow>
                  <TableCell>#</TableCell>
                  <TableCell>{t('column.change')}</TableCell>
                  <TableCell>{t('column.status')}</TableCell>
                  <TableCell>{t('column.reasons')}</TableCell>
                  <TableCell>{t('column.order')}</TableCell>
                  <TableCell>{t('column.at')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {subject.changes.map((change) => (
                  <TableRow key={change.sequence}>
                    <TableCell>{change.sequence}</TableCell>
                    <TableCell>{change.change}</TableCell>
                    <TableCell>{change.from === change.to ? change.to : `${change.from} → ${change.to}`}</TableCell>
                    <TableCell>{change.reasons.join(', ')}</TableCell>
                    <TableCell>{change.orderId ?? ''}</TableCell>
                    <TableCell>{change.at ? new Date(change.at).toLocaleString() : ''}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Section>
      </Stack>
    </EvidenceFrame>
  );
}
