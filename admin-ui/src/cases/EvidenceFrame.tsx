/**
 * The frame every capability's evidence panel is drawn in (registered in evidencePanels.ts): a
 * card with the panel's title and subheader, titled sections inside it, and the notice shown
 * when the case's subject cannot be read. Each panel decides what goes inside; this file knows
 * no capability.
 *
 *     const t = useScopedTranslate('bonafide.probation');
 *     if (!subject) return <SubjectMissing />;
 *     return (
 *       <EvidenceFrame title={t('title')} subheader={t('subheader', { … })}>
 *         <EvidenceSection title={t('metrics')}>…</EvidenceSection>
 *       </EvidenceFrame>
 *     );
 */
import { Alert, Box, Card, CardContent, CardHeader, Typography } from '@mui/material';
import { useCallback, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';

export function EvidenceFrame({ title, subheader, children }: { title: string; subheader?: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader title={title} subheader={subheader} />
      <CardContent sx={{ pt: 0 }}>{children}</CardContent>
    </Card>
  );
}

/** One titled part of a panel: a heading and what it names. */
export function EvidenceSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="subtitle2" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/** Shown instead of a panel when the case's subject is gone or not what the panel reads. */
export function SubjectMissing() {
  const translate = useTranslate();
  return <Alert severity="warning">{translate('bonafide.cases.show.subject_missing')}</Alert>;
}

/** translate() for the keys under one prefix of the console's messages (a panel's own strings). */
export function useScopedTranslate(prefix: string): (key: string, options?: Record<string, unknown>) => string {
  const translate = useTranslate();
  return useCallback((key, options) => translate(`${prefix}.${key}`, options), [translate, prefix]);
}
