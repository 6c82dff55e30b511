import { Box, LinearProgress, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { batchProgress, type BatchRecord } from './batchTypes.ts';
import { batchWords } from './batchWords.ts';

/**
 * A batch's progress: a bar of the subjects settled (screened, failed or refused) out of the
 * upload, and the figures as text: done / total and how many failed.
 */
export function BatchProgressField(_props: { source?: string; label?: string }) {
  const record = useRecordContext<BatchRecord>();
  const translate = useTranslate();
  if (!record) return null;
  const { percent } = batchProgress(record);
  const words = batchWords(translate, record.subjectType);
  const label = words('progress', { done: record.done, total: record.total });
  return (
    <Box sx={{ minWidth: 200 }} data-testid="batch-progress">
      <LinearProgress
        variant="determinate"
        value={percent}
        color={record.status === 'failed' ? 'error' : record.status === 'completed' ? 'success' : 'primary'}
        aria-label={label}
        sx={{ height: 8, borderRadius: 1 }}
      />
      <Typography variant="body2" component="span">
        {label}
      </Typography>
      {record.failed > 0 && (
        <Typography variant="body2" component="span" color="error" sx={{ ml: 1 }}>
          {words('failed', { smart_count: record.failed })}
        </Typography>
      )}
    </Box>
  );
}
