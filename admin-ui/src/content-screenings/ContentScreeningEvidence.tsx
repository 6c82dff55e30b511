import { Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { EvidenceFrame, EvidenceSection as Section, SubjectMissing, useScopedTranslate } from '../cases/EvidenceFrame.tsx';
import type { EvidencePanelProps } from '../cases/evidencePanels.ts';
import { disclosureTone, readContentSubject, type ClusterPost } from './contentSubject.ts';

/** Post text exactly as given, as text (never HTML), keeping its line breaks. */
function PostText({ value }: { value: string }) {
  return (
    <Typography variant="body2" component="div" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', bgcolor: 'action.hover', p: 1, borderRadius: 1 }}>
      {value}
    </Typography>
  );
}

function SideBySide({ post, thisPost, t }: { post: ClusterPost; thisPost: string; t: (key: string, options?: Record<string, unknown>) => string }) {
  return (
    <Table size="small" data-testid="script-side-by-side">
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: '45%' }}>{thisPost}</TableCell>
          <TableCell sx={{ width: '45%' }}>{t('cluster.other_post', { creator: post.creatorId, post: post.postId, postedAt: post.postedAt.slice(0, 16).replace('T', ' ') })}</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {post.excerpts.length === 0 && (
          <TableRow>
            <TableCell colSpan={3}>{t('cluster.no_excerpts')}</TableCell>
          </TableRow>
        )}
        {post.excerpts.map((pair, index) => (
          <TableRow key={index}>
            <TableCell sx={{ verticalAlign: 'top' }}>{pair.post}</TableCell>
            <TableCell sx={{ verticalAlign: 'top' }}>{pair.match}</TableCell>
            <TableCell sx={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>{t('cluster.similarity', { value: `${Math.round(pair.similarity * 100)}%` })}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** A content screening's evidence: the post as given, its disclosure, the script cluster's posts side by side, the creator's cadence. */
export function ContentScreeningEvidence({ record }: EvidencePanelProps) {
  const t = useScopedTranslate('bonafide.content');
  const subject = readContentSubject(record.subject);
  if (!subject) return <SubjectMissing />;
  const { cluster, cadence } = subject;
  return (
    <EvidenceFrame title={t('title')} subheader={t('subheader', { post: subject.postId, creator: subject.creatorId, surface: subject.surface, postedAt: subject.postedAt.slice(0, 16).replace('T', ' ') })}>
      <Stack spacing={3}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <Chip size="small" color={disclosureTone(subject.disclosure) === 'default' ? undefined : disclosureTone(subject.disclosure)} label={t('disclosure', { class: (subject.disclosure ?? '—').replace('_', ' ') })} />
          {subject.affiliateLink && <Chip size="small" variant="outlined" label={t('affiliate')} />}
          {subject.platformPaidLabel && <Chip size="small" variant="outlined" label={t('paid_label')} />}
          {subject.promotedSellerId && <Chip size="small" variant="outlined" label={t('seller', { seller: subject.promotedSellerId })} />}
        </Stack>
        <Section title={t('caption')}>
          <PostText value={subject.caption} />
        </Section>
        {subject.transcript && (
          <Section title={t('transcript')}>
            <PostText value={subject.transcript} />
          </Section>
        )}
        {subject.onScreenText && (
          <Section title={t('on_screen')}>
            <PostText value={subject.onScreenText} />
          </Section>
        )}
        {subject.hashtags.length > 0 && (
          <Section title={t('hashtags')}>
            <Typography variant="body2">{subject.hashtags.join(' ')}</Typography>
          </Section>
        )}
        <Section title={t('cluster.title')}>
          {cluster ? (
            <Stack spacing={2}>
              <Typography variant="body2">
                {t('cluster.summary', { id: cluster.id, posts: cluster.postCount, creators: cluster.creatorCount, first: cluster.firstSeenAt.slice(0, 10), last: cluster.lastSeenAt.slice(0, 10) })}
              </Typography>
              {subject.sideBySide.map((post) => (
                <SideBySide key={post.postId} post={post} thisPost={t('cluster.this_post')} t={t} />
              ))}
            </Stack>
          ) : (
            <Typography color="text.secondary">{t('cluster.none')}</Typography>
          )}
        </Section>
        {cadence && (
          <Section title={t('cadence.title')}>
            <Typography variant="body2">
              {t('cadence.figures', {
                day: cadence.latestDay ?? '—',
                posts: cadence.postsOnLatestDay,
                median: cadence.medianPerActiveDay,
                total: cadence.postCount,
                rate: `${Math.round(cadence.clearDisclosureRate * 100)}%`,
                burstiness: cadence.burstiness ?? '—',
              })}
            </Typography>
          </Section>
        )}
      </Stack>
    </EvidenceFrame>
  );
}
