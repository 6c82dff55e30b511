import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatScore } from './format.ts';
import type { CaseReason } from './types.ts';

/** Why the case was opened: one row per policy reason. */
export function ReasonsTable({ reasons }: { reasons: CaseReason[] }) {
  const translate = useTranslate();
  const column = (key: string) => translate(`bonafide.cases.reason.${key}`);
  if (reasons.length === 0) {
    return <Typography color="text.secondary">{translate('bonafide.cases.show.no_reasons')}</Typography>;
  }
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          {['code', 'action', 'severity', 'score', 'summary'].map((key) => (
            <TableCell key={key}>{column(key)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {reasons.map((reason) => (
          <TableRow key={reason.code}>
            <TableCell sx={{ fontFamily: 'monospace' }}>{reason.code}</TableCell>
            <TableCell>{translate(`bonafide.cases.action.${reason.action}`, { _: reason.action })}</TableCell>
            <TableCell>{reason.severity}</TableCell>
            <TableCell>{formatScore(reason.score)}</TableCell>
            <TableCell>{reason.summary}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
