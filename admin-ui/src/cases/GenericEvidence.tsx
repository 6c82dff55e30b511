import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { EvidencePanelProps } from './evidencePanels.ts';

/** For subject types the console has no panel for: say so; the signals card shows what is known. */
export function GenericEvidence({ record }: EvidencePanelProps) {
  const translate = useTranslate();
  return <Alert severity="info">{translate('bonafide.cases.show.generic_evidence', { type: record.subjectLabel })}</Alert>;
}
