import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { isPriority, priorityColor } from './priority.ts';
import type { CaseRecord } from './types.ts';

/** The case priority as a chip, from grey (low) to red (urgent). */
export function PriorityField(_props: { source?: string; label?: string }) {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  if (!record) return null;
  const { priority } = record;
  const label = isPriority(priority) ? translate(`bonafide.cases.priority.${priority}`) : String(priority);
  return <Chip size="small" color={priorityColor(priority)} label={label} />;
}
