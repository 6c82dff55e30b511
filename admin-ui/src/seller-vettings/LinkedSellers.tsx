import { Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { LinkedSeller } from './vettingSubject.ts';

/** Other sellers of the marketplace sharing an identifier with this one, and which. */
export function LinkedSellers({ sellers }: { sellers: LinkedSeller[] }) {
  const translate = useTranslate();
  const t = (key: string) => translate(`bonafide.vetting.linked.${key}`);
  if (sellers.length === 0) return <Typography color="text.secondary">{t('none')}</Typography>;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{t('seller')}</TableCell>
          <TableCell>{t('status')}</TableCell>
          <TableCell>{t('shared')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sellers.map((seller) => (
          <TableRow key={seller.sellerId}>
            <TableCell sx={{ fontFamily: 'monospace' }}>{seller.externalId}</TableCell>
            <TableCell>
              <Chip size="small" color={seller.status === 'banned' ? 'error' : 'default'} label={seller.status} />
            </TableCell>
            <TableCell>
              <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
                {seller.sharedKinds.map((kind) => (
                  <Chip key={kind} size="small" variant="outlined" label={translate(`bonafide.vetting.identifier.${kind}`, { _: kind })} />
                ))}
              </Stack>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
