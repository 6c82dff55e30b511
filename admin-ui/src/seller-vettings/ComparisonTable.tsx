import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import WarningIcon from '@mui/icons-material/Warning';
import { Table, TableBody, TableCell, TableHead, TableRow, Tooltip } from '@mui/material';
import { useTranslate } from 'react-admin';
import { comparisonTone, type ComparedField, type ComparisonTone } from './vettingSubject.ts';

// light tints of the theme's error and warning colours
const ROW_BACKGROUND: Record<ComparisonTone, string | undefined> = { mismatch: '#fdecea', untrusted: '#fff4e5', ok: undefined, unjudged: undefined };



function CheckDigit({ valid }: { valid: boolean | null }) {
  const translate = useTranslate();
  if (valid === null) return <>—</>;
  return valid ? (
    <Tooltip title={translate('bonafide.vetting.check_digit_ok')}>
      <CheckCircleIcon color="success" fontSize="small" />
    </Tooltip>
  ) : (
    <Tooltip title={translate('bonafide.vetting.check_digit_failed')}>
      <ErrorIcon color="error" fontSize="small" />
    </Tooltip>
  );
}

/** Declared data beside what the document's MRZ says; mismatches and untrusted reads stand out. */
export function ComparisonTable({ rows }: { rows: ComparedField[] }) {
  const translate = useTranslate();
  const t = (key: string) => translate(`bonafide.vetting.comparison.${key}`);
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          {['field', 'declared', 'read', 'agree', 'check_digit'].map((key) => (
            <TableCell key={key}>{t(key)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => {
          const tone = comparisonTone(row);
          const strong = tone === 'mismatch' ? { fontWeight: 600, color: 'error.main' } : {};
          return (
            <TableRow key={row.field} sx={{ bgcolor: ROW_BACKGROUND[tone] }} data-tone={tone}>
              <TableCell>{row.label}</TableCell>
              <TableCell sx={strong}>{row.declared ?? '—'}</TableCell>
              <TableCell sx={{ ...strong, fontFamily: 'monospace' }}>{row.read ?? '—'}</TableCell>
              <TableCell>
                {tone === 'mismatch' && <ErrorIcon color="error" fontSize="small" titleAccess={t('mismatch')} />}
                {tone === 'untrusted' && <WarningIcon color="warning" fontSize="small" titleAccess={t('untrusted')} />}
                {tone === 'ok' && <CheckCircleIcon color="success" fontSize="small" titleAccess={t('match')} />}
                {tone === 'unjudged' && '—'}
              </TableCell>
              <TableCell>
                <CheckDigit valid={row.checkDigitValid} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
