import { Alert, Box, Stack, Typography } from '@mui/material';
import { AttachmentPicture } from '../cases/AttachmentPicture.tsx';
import { EvidenceFrame, EvidenceSection as Section, SubjectMissing, useScopedTranslate } from '../cases/EvidenceFrame.tsx';
import type { EvidencePanelProps } from '../cases/evidencePanels.ts';
import { HighlightedText } from './HighlightedText.tsx';
import { readListingSubject } from './listingSubject.ts';

/** A listing screening's evidence: its pictures beside the matched gallery pictures, its text with suspicious words marked, price against the brand's range. */
export function ListingScreeningEvidence({ record }: EvidencePanelProps) {
  const t = useScopedTranslate('bonafide.listing');
  const subject = readListingSubject(record.subject);
  if (!subject) return <SubjectMissing />;
  return (
    <EvidenceFrame title={t('title')} subheader={t('subheader', { listing: subject.listingId, seller: subject.sellerId })}>
      {subject.trigger === 'gallery_update' && <Alert severity="info" sx={{ mb: 2 }}>{t('rescreened')}</Alert>}
      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) minmax(0, 1fr)' } }}>
        <Section title={t('pictures')}>
          {subject.images.length === 0 && <Typography color="text.secondary">{t('no_pictures')}</Typography>}
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="listing-pictures">
            {subject.images.map((image) =>
              image.attachment ? (
                <AttachmentPicture key={image.position} caseId={record.id} attachment={image.attachment} alt={t('picture_alt', { position: image.position + 1 })} caption={`#${image.position + 1}${image.width ? ` · ${image.width}×${image.height}` : ''}`} />
              ) : (
                <Alert key={image.position} severity="warning">{t('picture_failed', { position: image.position + 1, failure: (image.failure ?? 'unknown').replaceAll('_', ' ') })}</Alert>
              ),
            )}
          </Stack>
        </Section>
        <Section title={t('gallery')}>
          {subject.galleryMatches.length === 0 && <Typography color="text.secondary">{t('no_gallery')}</Typography>}
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="gallery-matches">
            {subject.galleryMatches.map((match) => (
              <AttachmentPicture key={match.id} caseId={record.id} attachment={match.attachment} alt={t('gallery_alt', { label: match.label })} caption={`${match.label}${match.brandKey ? ` · ${match.brandKey}` : ''}`} />
            ))}
          </Stack>
        </Section>
      </Box>
      <Stack spacing={2} sx={{ mt: 3 }}>
        <Section title={t('text')}>
          <Typography variant="overline">{t('field_title')}</Typography>
          <HighlightedText value={subject.title} highlights={subject.highlights} field="title" />
          <Typography variant="overline">{t('field_description')}</Typography>
          {subject.description ? <HighlightedText value={subject.description} highlights={subject.highlights} field="description" /> : <Typography color="text.secondary">{t('empty')}</Typography>}
        </Section>
        <Section title={t('price')}>
          <Typography variant="body2">
            {subject.price ? `${subject.price.amount} ${subject.price.currency}` : '—'}
            {subject.claimedBrand ? ` · ${t('claimed_brand')}: ${subject.claimedBrand}` : ''}
            {subject.category ? ` · ${t('category')}: ${subject.category}` : ''}
          </Typography>
          {subject.brands.map((brand) => (
            <Typography key={brand.key} variant="body2" color="text.secondary">
              {brand.referencePrice
                ? t('brand_reference', { brand: brand.name, min: brand.referencePrice.min, max: brand.referencePrice.max, currency: brand.referencePrice.currency, category: brand.category ?? '—', count: brand.authorizedSellerCount })
                : brand.name}
            </Typography>
          ))}
        </Section>
      </Stack>
    </EvidenceFrame>
  );
}
