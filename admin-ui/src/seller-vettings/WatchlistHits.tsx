import { Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatScore } from '../cases/format.ts';
import type { WatchlistHit } from './vettingSubject.ts';

/** Each watchlist match with the list entry it hit (the seller's own data is not repeated). */
export function WatchlistHits({ hits }: { hits: WatchlistHit[] }) {
  const translate = useTranslate();
  const t = (key: string) => translate(`bonafide.vetting.watchlist.${key}`);
  if (hits.length === 0) return <Typography color="text.secondary">{t('none')}</Typography>;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          {['match', 'list', 'entry', 'listed_name', 'programs', 'date_of_birth'].map((key) => (
            <TableCell key={key}>{t(key)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {hits.map((hit, index) => (
          <TableRow key={`${hit.listId}-${hit.entryId}-${index}`}>
            <TableCell>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <Chip size="small" color={hit.strong ? 'error' : 'warning'} label={t(hit.strong ? 'strong' : 'weak')} />
                <span>{formatScore(hit.score)}</span>
              </Stack>
              {hit.field && (
                <Typography variant="caption" color="text.secondary">
                  {hit.field}
                </Typography>
              )}
            </TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{hit.listId ?? '—'}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>
              {hit.entryId ?? '—'}
              {hit.entryType ? ` (${hit.entryType})` : ''}
            </TableCell>
            <TableCell>
              {hit.matchedName ?? t('private_list')}
              {hit.aliasKind && hit.aliasKind !== 'primary' ? ` · ${hit.aliasKind}` : ''}
            </TableCell>
            <TableCell>{hit.programs.join(', ') || '—'}</TableCell>
            <TableCell>{hit.dateOfBirthCheck ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
