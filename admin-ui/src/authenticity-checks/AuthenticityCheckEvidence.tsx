import { Alert, Box, Chip, Link, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { AttachmentPicture } from '../cases/AttachmentPicture.tsx';
import { EvidenceFrame, EvidenceSection as Section, SubjectMissing, useScopedTranslate } from '../cases/EvidenceFrame.tsx';
import type { EvidencePanelProps } from '../cases/evidencePanels.ts';
import { readAuthenticitySubject, type AuthenticitySubject, type CheckPhoto, type CodeReading } from './authenticitySubject.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const when = (iso: string) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');
const registryWord = (t: Translate, reading: CodeReading) => t(`registry.${reading.registry ?? 'none'}`);
const checkDigitWord = (t: Translate, reading: CodeReading) => (reading.checkDigitValid === null ? '—' : t(reading.checkDigitValid ? 'check_digit_ok' : 'check_digit_bad'));

function BuyerPhoto({ caseId, photo, t }: { caseId: string; photo: CheckPhoto; t: Translate }) {
  const position = photo.position + 1;
  if (!photo.attachment) return <Alert severity="warning">{t('photo_failed', { position, kind: photo.kind, failure: (photo.failure ?? 'unknown').replaceAll('_', ' ') })}</Alert>;
  return (
    <AttachmentPicture caseId={caseId} attachment={photo.attachment} alt={t('photo_alt', { position, kind: photo.kind })} caption={`#${position} · ${photo.kind}${photo.width ? ` · ${photo.width}×${photo.height}` : ''}`} testId={`buyer-photo-${photo.position}`}>
      {photo.codeRead && (
        <Typography variant="body2" sx={{ wordBreak: 'break-word' }}>
          {t('photo_code', { gtin: photo.codeRead.gtin ?? '—', serial: photo.codeRead.serial ?? '—', registry: registryWord(t, photo.codeRead) })}
        </Typography>
      )}
      {photo.findings.map((finding, index) => (
        <Typography key={index} variant="body2" color={finding.severity === 'info' ? 'text.secondary' : 'warning.main'} sx={{ wordBreak: 'break-word' }}>
          {finding.summary}
        </Typography>
      ))}
    </AttachmentPicture>
  );
}

function Pictures({ subject, caseId, t }: { subject: AuthenticitySubject; caseId: string; t: Translate }) {
  return (
    <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 2fr) minmax(0, 1fr) minmax(0, 1fr)' } }}>
      <Section title={t('photos')}>
        {subject.photos.length === 0 && <Typography color="text.secondary">{t('no_photos')}</Typography>}
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="buyer-photos">
          {subject.photos.map((photo) => <BuyerPhoto key={photo.position} caseId={caseId} photo={photo} t={t} />)}
        </Stack>
      </Section>
      <Section title={t('listing_pictures')}>
        {!subject.listingPictures?.pictures.length && <Typography color="text.secondary">{t('no_listing')}</Typography>}
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="listing-pictures">
          {subject.listingPictures?.pictures.map((picture) => (
            <AttachmentPicture key={picture.position} caseId={caseId} attachment={picture.attachment} alt={t('listing_alt', { position: picture.position + 1 })} caption={`#${picture.position + 1}${picture.width ? ` · ${picture.width}×${picture.height}` : ''}`} />
          ))}
        </Stack>
      </Section>
      <Section title={t('gallery')}>
        {subject.galleryMatches.length === 0 && <Typography color="text.secondary">{t('no_gallery')}</Typography>}
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="gallery-matches">
          {subject.galleryMatches.map((match) => (
            <AttachmentPicture
              key={match.id}
              caseId={caseId}
              attachment={match.attachment}
              alt={t('gallery_alt', { label: match.label })}
              caption={t('gallery_caption', { label: match.label, brand: match.brandKey ? ` · ${match.brandKey}` : '', photos: match.photoPositions.map((position) => `#${position + 1}`).join(', '), certainty: match.certainty ? ` (${match.certainty})` : '' })}
            />
          ))}
        </Stack>
      </Section>
    </Box>
  );
}

function CodeTable({ subject, t }: { subject: AuthenticitySubject; t: Translate }) {
  const read = subject.photos.filter((photo) => photo.codeRead);
  if (!subject.typedCode && read.length === 0) return <Typography color="text.secondary">{t('no_code')}</Typography>;
  const agrees = (value: boolean | null) => t(`agrees.${value === null ? 'none' : value ? 'yes' : 'no'}`);
  return (
    <Table size="small" data-testid="code-evidence">
      <TableHead>
        <TableRow>
          {['source', 'raw', 'gtin', 'serial', 'check_digit', 'registry', 'agrees'].map((column) => <TableCell key={column}>{t(`column.${column}`)}</TableCell>)}
        </TableRow>
      </TableHead>
      <TableBody>
        {subject.typedCode && (
          <TableRow>
            <TableCell>{t('typed')}</TableCell>
            <TableCell sx={{ wordBreak: 'break-all', fontFamily: 'monospace' }}>{subject.typedCode.raw}</TableCell>
            {subject.typedCode.problem ? (
              <TableCell colSpan={5}>{t('unreadable', { problem: subject.typedCode.problem.replaceAll('_', ' ') })}</TableCell>
            ) : (
              <>
                <TableCell>{subject.typedCode.gtin ?? '—'}</TableCell>
                <TableCell>{subject.typedCode.serial ?? '—'}</TableCell>
                <TableCell>{checkDigitWord(t, subject.typedCode)}</TableCell>
                <TableCell>{registryWord(t, subject.typedCode)}</TableCell>
                <TableCell>—</TableCell>
              </>
            )}
          </TableRow>
        )}
        {read.map((photo) => (
          <TableRow key={photo.position}>
            <TableCell>{t('from_photo', { position: photo.position + 1, kind: photo.kind, format: photo.codeRead!.format ?? '—' })}</TableCell>
            <TableCell>—</TableCell>
            <TableCell>{photo.codeRead!.gtin ?? '—'}</TableCell>
            <TableCell>{photo.codeRead!.serial ?? '—'}</TableCell>
            <TableCell>{checkDigitWord(t, photo.codeRead!)}</TableCell>
            <TableCell>{registryWord(t, photo.codeRead!)}</TableCell>
            <TableCell>{agrees(photo.codeRead!.agreesWithTyped)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function SameCode({ subject, t }: { subject: AuthenticitySubject; t: Translate }) {
  if (subject.sameCodeElsewhere.length === 0) return <Typography color="text.secondary">{t('no_clones')}</Typography>;
  return (
    <>
      <Table size="small" data-testid="same-code-checks">
        <TableHead>
          <TableRow>
            {['order', 'seller', 'outcome', 'at', 'relation'].map((column) => <TableCell key={column}>{t(`clone_column.${column}`)}</TableCell>)}
          </TableRow>
        </TableHead>
        <TableBody>
          {subject.sameCodeElsewhere.map((other) => (
            <TableRow key={other.id}>
              <TableCell>{other.orderId}</TableCell>
              <TableCell>{other.sellerId}</TableCell>
              <TableCell>{other.finalOutcome ? `${other.status} / ${other.finalOutcome}` : other.status}</TableCell>
              <TableCell>{when(other.createdAt)}</TableCell>
              <TableCell>
                <Stack direction="row" spacing={0.5}>
                  <Chip size="small" color={other.sameOrder ? 'default' : 'error'} variant="outlined" label={t(other.sameOrder ? 'same_order' : 'clone')} />
                  {other.sameBuyer && <Chip size="small" variant="outlined" label={t('same_buyer')} />}
                </Stack>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {subject.sameCodeElsewhereCount > subject.sameCodeElsewhere.length && (
        <Typography variant="caption" color="text.secondary">{t('clones_more', { shown: subject.sameCodeElsewhere.length, count: subject.sameCodeElsewhereCount })}</Typography>
      )}
    </>
  );
}

function Seller({ subject, t }: { subject: AuthenticitySubject; t: Translate }) {
  const closesAt = subject.sellerWindowClosesAt;
  const response = subject.sellerResponse;
  return (
    <Stack spacing={1} data-testid="seller-evidence">
      <Typography variant="body2">
        {closesAt ? t(subject.status === 'awaiting_seller_response' ? 'window_open' : 'window_closed', { at: when(closesAt) }) : t('no_window')}
      </Typography>
      {response ? (
        <Box>
          <Typography variant="overline">{t('response', { at: when(response.receivedAt) })}</Typography>
          {response.note && (
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="seller-note">
              {response.note}
            </Typography>
          )}
          {response.photos.length > 0 && (
            <>
              <Typography variant="caption" color="text.secondary">{t('response_photos')}</Typography>
              <Box component="ul" sx={{ m: 0, pl: 2.5 }} data-testid="seller-photos">
                {response.photos.map((photo, index) => (
                  <li key={index}>
                    <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
                      {`${photo.kind}: `}
                      {photo.linkable ? (
                        <Link href={photo.url} target="_blank" rel="noopener noreferrer nofollow">
                          {photo.url}
                        </Link>
                      ) : (
                        photo.url
                      )}
                    </Typography>
                  </li>
                ))}
              </Box>
            </>
          )}
        </Box>
      ) : (
        closesAt && <Typography variant="body2" color="text.secondary">{t('no_response')}</Typography>
      )}
      <Typography variant="body2" data-testid="seller-record">
        {t('record', { last30: subject.sellerRecord.last30Days, last90: subject.sellerRecord.last90Days })}
      </Typography>
    </Stack>
  );
}

/**
 * An authenticity check's evidence: the buyer's photos beside the listing's pictures and the
 * gallery pictures they matched, the code as typed and as read from each photo with the
 * registry's answers, other orders' checks of the same code, and the seller's side. Every word a
 * buyer or seller wrote is shown as text.
 */
export function AuthenticityCheckEvidence({ record }: EvidencePanelProps) {
  const t = useScopedTranslate('bonafide.authenticity');
  const subject = readAuthenticitySubject(record.subject);
  if (!subject) return <SubjectMissing />;
  const subheader = t('subheader', {
    order: subject.orderId,
    buyer: subject.buyerId,
    seller: subject.sellerId,
    listing: subject.listingId ? t('listing_part', { listing: subject.listingId }) : '',
    brand: subject.brandKey ? t('brand_part', { brand: subject.brandKey }) : '',
  });
  return (
    <EvidenceFrame title={t('title')} subheader={subheader}>
      <Stack spacing={3}>
        {subject.buyerNote && (
          <Section title={t('buyer_note')}>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="buyer-note">
              {subject.buyerNote}
            </Typography>
          </Section>
        )}
        <Pictures subject={subject} caseId={record.id} t={t} />
        <Section title={t('code')}>
          <CodeTable subject={subject} t={t} />
        </Section>
        <Section title={t('clones')}>
          <SameCode subject={subject} t={t} />
        </Section>
        <Section title={t('seller')}>
          <Seller subject={subject} t={t} />
        </Section>
      </Stack>
    </EvidenceFrame>
  );
}
