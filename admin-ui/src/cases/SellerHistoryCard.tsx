import { Card, CardContent, CardHeader, Chip, Link, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link as RouterLink, useCreatePath, useTranslate } from 'react-admin';
import type { SellerHistory } from './types.ts';

function When({ iso }: { iso: string }) {
  return <span title={iso}>{new Date(iso).toLocaleDateString()}</span>;
}

const standingColor = (standing: string) => (standing === 'suspension_review' ? 'error' : standing === 'warning' ? 'warning' : 'success');

/** The seller's strikes and the standing they give (docs/enforcement.md). */
function EnforcementRecord({ record, t }: { record: NonNullable<SellerHistory['record']>; t: (key: string, options?: Record<string, unknown>) => string }) {
  return (
    <Stack spacing={1} data-testid="seller-record">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="subtitle2">{t('record')}</Typography>
        <Chip size="small" color={standingColor(record.standing)} label={t(`standing.${record.standing}`)} />
        <Typography variant="body2" color="text.secondary">
          {t('active_strikes', { count: record.activeStrikes.count, weight: record.activeStrikes.weight })}
        </Typography>
      </Stack>
      {record.strikes.length === 0 ? (
        <Typography color="text.secondary">{t('no_strikes')}</Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              {['when', 'measure', 'weight', 'expires'].map((key) => (
                <TableCell key={key}>{t(key)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {record.strikes.map((strike, index) => (
              <TableRow key={index} sx={strike.active ? undefined : { opacity: 0.6 }}>
                <TableCell><When iso={strike.createdAt} /></TableCell>
                <TableCell>{strike.measure}</TableCell>
                <TableCell>{strike.weight}</TableCell>
                <TableCell>{strike.active ? <When iso={strike.expiresAt} /> : strike.withdrawnReason ? t('withdrawn', { reason: strike.withdrawnReason }) : t('expired')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Stack>
  );
}

/** The seller behind the case: status, enforcement record, earlier subjects (vettings, ...) and their other cases with decisions. */
export function SellerHistoryCard({ seller }: { seller: SellerHistory }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const t = (key: string, options?: Record<string, unknown>) => translate(`bonafide.cases.seller.${key}`, options);
  return (
    <Card>
      <CardHeader
        title={t('title', { seller: seller.externalId })}
        subheader={t('since', { date: new Date(seller.createdAt).toLocaleDateString() })}
        action={<Chip sx={{ mt: 1, mr: 1 }} color={seller.status === 'banned' ? 'error' : 'default'} label={seller.status} />}
      />
      <CardContent sx={{ pt: 0 }}>
        <Stack spacing={2}>
          {seller.record && <EnforcementRecord record={seller.record} t={t} />}
          <Typography variant="subtitle2">{t('subjects')}</Typography>
          {seller.subjects.length === 0 ? (
            <Typography color="text.secondary">{t('none')}</Typography>
          ) : (
            <Table size="small">
              <TableHead>
                <TableRow>
                  {['when', 'kind', 'status', 'outcome', 'summary'].map((key) => (
                    <TableCell key={key}>{t(key)}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {seller.subjects.map((entry) => (
                  <TableRow key={`${entry.kind}-${entry.id}`}>
                    <TableCell><When iso={entry.at} /></TableCell>
                    <TableCell>{entry.kind}</TableCell>
                    <TableCell>{entry.status}</TableCell>
                    <TableCell>{entry.outcome ?? '—'}</TableCell>
                    <TableCell>{entry.summary}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <Typography variant="subtitle2">{t('cases')}</Typography>
          {seller.cases.length === 0 ? (
            <Typography color="text.secondary">{t('no_cases')}</Typography>
          ) : (
            <Table size="small">
              <TableHead>
                <TableRow>
                  {['when', 'kind', 'status', 'decision', 'note'].map((key) => (
                    <TableCell key={key}>{t(key)}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {seller.cases.map((entry) => (
                  <TableRow key={entry.id}>
                    <TableCell>
                      <Link component={RouterLink} to={createPath({ resource: 'cases', id: entry.id, type: 'show' })}>
                        <When iso={entry.createdAt} />
                      </Link>
                    </TableCell>
                    <TableCell>{entry.subjectType}</TableCell>
                    <TableCell>{entry.status}</TableCell>
                    <TableCell>{entry.decision ?? '—'}</TableCell>
                    <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{entry.note ?? '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
