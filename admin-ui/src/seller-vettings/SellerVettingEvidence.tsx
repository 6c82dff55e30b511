import { Alert, Box, Chip, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { EvidenceFrame, EvidenceSection as Section, SubjectMissing, useScopedTranslate } from '../cases/EvidenceFrame.tsx';
import type { EvidencePanelProps } from '../cases/evidencePanels.ts';
import { ComparisonTable } from './ComparisonTable.tsx';
import { DocumentPhoto } from './DocumentPhoto.tsx';
import { LinkedSellers } from './LinkedSellers.tsx';
import { failedCheckDigits, readVettingSubject, watchlistHits } from './vettingSubject.ts';
import { WatchlistHits } from './WatchlistHits.tsx';

/** A seller vetting's evidence: the document beside the declared data, check digits, watchlists, linked sellers. */
export function SellerVettingEvidence({ record }: EvidencePanelProps) {
  const translate = useTranslate();
  const t = useScopedTranslate('bonafide.vetting');
  const subject = readVettingSubject(record.subject);
  if (!subject) return <SubjectMissing />;
  const failed = failedCheckDigits(subject, record.signals);
  const showPhoto = record.attachments.includes('document') && !subject.erased;
  return (
    <EvidenceFrame title={t('title')} subheader={t('subheader', { seller: subject.sellerExternalId, type: subject.applicantType, country: subject.country })}>
      {subject.erased && <Alert severity="info" sx={{ mb: 2 }}>{t('erased')}</Alert>}
      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 5fr) minmax(0, 7fr)' } }}>
        <Section title={t('document')}>
          {showPhoto ? <DocumentPhoto caseId={record.id} subject={subject} /> : <Typography color="text.secondary">{t('no_photo')}</Typography>}
        </Section>
        <Stack spacing={3}>
          <Section title={t('declared_vs_read')}>
            <ComparisonTable rows={subject.comparison} />
          </Section>
          <Section title={t('mrz')}>
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
              <Typography variant="body2">
                {t('mrz_format', { format: subject.documentFormat ?? '—' })}
                {subject.ocrConfidence !== null ? ` · ${t('ocr_confidence', { value: subject.ocrConfidence.toFixed(2) })}` : ''}
              </Typography>
              {Object.entries(subject.checkDigits ?? {}).map(([name, valid]) => (
                <Chip key={name} size="small" color={valid ? 'success' : 'error'} variant={valid ? 'outlined' : 'filled'} label={`${translate(`bonafide.vetting.check_digit.${name}`, { _: name })}: ${t(valid ? 'check_digit_ok' : 'check_digit_failed')}`} />
              ))}
            </Stack>
            {subject.mrzLines && subject.mrzLines.length > 0 && (
              <Box component="pre" data-testid="mrz-lines" sx={{ fontFamily: 'monospace', fontSize: 13, bgcolor: 'action.hover', p: 1, mt: 1, mb: 0, borderRadius: 1, overflowX: 'auto' }}>
                {subject.mrzLines.join('\n')}
              </Box>
            )}
            {failed.length > 0 && (
              <Alert severity="error" sx={{ mt: 1 }}>
                {t('failed_check_digits', { fields: failed.map((name) => translate(`bonafide.vetting.check_digit.${name}`, { _: name })).join(', ') })}
              </Alert>
            )}
          </Section>
          {subject.business && (
            <Section title={t('business')}>
              <Typography variant="body2">
                {subject.business.name} · {subject.business.registrationNumber}
              </Typography>
            </Section>
          )}
        </Stack>
      </Box>
      <Stack spacing={3} sx={{ mt: 3 }}>
        <Section title={t('watchlist.title')}>
          <WatchlistHits hits={watchlistHits(record.signals)} />
        </Section>
        <Section title={t('linked.title')}>
          <LinkedSellers sellers={subject.linkedSellers} />
        </Section>
      </Stack>
    </EvidenceFrame>
  );
}
