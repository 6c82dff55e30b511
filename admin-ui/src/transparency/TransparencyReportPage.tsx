import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Box, Button, Card, CardContent, CardHeader, Skeleton, Table, TableBody, TableCell, TableRow, TextField, Typography, useTheme } from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { httpClient } from '../http/httpClient.ts';
import { defaultPeriod, DIMENSIONS, durationText, parseReport, reportUrl, type Count, type TransparencyReport } from './report.ts';

/** Reads the report for the period; `error` when the API cannot give it. */
function useReport(period: { from: string; to: string }) {
  const [state, setState] = useState<{ report: TransparencyReport | undefined; error: boolean; loading: boolean }>({ report: undefined, error: false, loading: true });
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    httpClient(reportUrl(period), { signal: controller.signal }).then(
      (response) => {
        const report = parseReport(response.json);
        setState({ report, error: report === undefined, loading: false });
      },
      () => {
        if (!controller.signal.aborted) setState({ report: undefined, error: true, loading: false });
      },
    );
    return () => controller.abort();
  }, [period]);
  return state;
}

/** The CSV, fetched with the session (the API is another origin in development) and saved. */
async function downloadCsv(period: { from: string; to: string }) {
  const response = await httpClient(reportUrl(period, 'csv'), { headers: { Accept: 'text/csv' } });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([response.body], { type: 'text/csv' }));
  link.download = `transparency-report-${period.from}-${period.to}.csv`;
  link.click();
  URL.revokeObjectURL(link.href);
}

function CountTable({ counts, testId }: { counts: Count[]; testId: string }) {
  const translate = useTranslate();
  if (counts.length === 0) return <Typography color="text.secondary">{translate('bonafide.transparency.none')}</Typography>;
  return (
    <Table size="small" data-testid={testId}>
      <TableBody>
        {counts.map((row) => (
          <TableRow key={row.value}>
            <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{row.value}</TableCell>
            <TableCell align="right">{row.count}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Transparency figures (DSA Art. 15, 24) over a period, with the CSV export. */
export function TransparencyReportPage() {
  const translate = useTranslate();
  const theme = useTheme();
  const [period, setPeriod] = useState(() => defaultPeriod(new Date()));
  const { report, error, loading } = useReport(period);
  const setDay = (field: 'from' | 'to') => (event: { target: { value: string } }) => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(event.target.value)) setPeriod((previous) => ({ ...previous, [field]: event.target.value }));
  };
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('bonafide.transparency.title')} />
      <Card>
        <CardHeader title={translate('bonafide.transparency.title')} subheader={translate('bonafide.transparency.intro')} />
        <CardContent sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
          <TextField sx={{ width: 200 }} type="date" size="small" label={translate('bonafide.transparency.from')} value={period.from} onChange={setDay('from')} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'report-from' } }} />
          <TextField sx={{ width: 200 }} type="date" size="small" label={translate('bonafide.transparency.to')} value={period.to} onChange={setDay('to')} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'report-to' } }} />
          <Button variant="outlined" startIcon={<DownloadIcon />} onClick={() => void downloadCsv(period)} disabled={!report}>
            {translate('bonafide.transparency.download')}
          </Button>
        </CardContent>
      </Card>
      {error ? <Alert severity="error" sx={{ mt: 2 }}>{translate('bonafide.transparency.error')}</Alert> : null}
      {loading && !report ? <Skeleton variant="rectangular" height={240} sx={{ mt: 2 }} /> : null}
      {report ? (
        <>
          <Card sx={{ mt: 2 }}>
            <CardContent>
              <Typography variant="h6" data-testid="report-total">
                {translate('bonafide.transparency.total', { count: report.restrictions.total })}
              </Typography>
              <Typography data-testid="report-strikes">{translate('bonafide.transparency.strikes', report.strikes)}</Typography>
              <Typography data-testid="report-export">{translate('bonafide.transparency.export', report.transparencyDatabase)}</Typography>
              <Typography data-testid="report-appeals">
                {translate('bonafide.transparency.appeals', {
                  ...report.appeals,
                  median: report.appeals.medianSecondsToDecision === null ? translate('bonafide.transparency.no_median') : durationText(report.appeals.medianSecondsToDecision),
                })}
              </Typography>
              {report.restrictions.byCapability.length > 0 ? (
                <Box sx={{ height: 60 + 40 * report.restrictions.byCapability.length, mt: 2 }}>
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart data={report.restrictions.byCapability} layout="vertical" margin={{ left: 8, right: 16 }}>
                      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                      <XAxis type="number" allowDecimals={false} />
                      <YAxis type="category" dataKey="value" width={160} />
                      <Tooltip />
                      <Bar isAnimationActive={false} dataKey="count" name={translate('bonafide.transparency.restrictions')} fill={theme.palette.primary.main} />
                    </BarChart>
                  </ResponsiveContainer>
                </Box>
              ) : null}
            </CardContent>
          </Card>
          <Box sx={{ display: 'grid', gap: 2, mt: 2, gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 1fr) minmax(0, 1fr)' } }}>
            {DIMENSIONS.map((dimension) => (
                <Card key={dimension}>
                  <CardHeader title={translate(`bonafide.transparency.dimensions.${dimension}`)} titleTypographyProps={{ variant: 'subtitle1' }} />
                  <CardContent sx={{ pt: 0 }}>
                    <CountTable counts={report.restrictions[dimension]} testId={`report-${dimension}`} />
                  </CardContent>
                </Card>
            ))}
          </Box>
        </>
      ) : null}
    </Box>
  );
}
