import { Alert, Link, Stack, Typography } from '@mui/material';
import { EvidenceFrame, EvidenceSection as Section, SubjectMissing, useScopedTranslate } from '../cases/EvidenceFrame.tsx';
import type { EvidencePanelProps } from '../cases/evidencePanels.ts';
import { readAppealSubject } from './appealSubject.ts';

/** The appellant's words and the decision they appeal, as text (never HTML). */
function Quoted({ value, testId }: { value: string; testId: string }) {
  return (
    <Typography variant="body2" component="div" data-testid={testId} sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', bgcolor: 'action.hover', p: 1, borderRadius: 1 }}>
      {value}
    </Typography>
  );
}

/** An appeal's evidence: what the appellant says beside the decision appealed and its statement of reasons. */
export function AppealEvidence({ record }: EvidencePanelProps) {
  const t = useScopedTranslate('bonafide.appeals');
  const subject = readAppealSubject(record.subject);
  if (!subject) return <SubjectMissing />;
  const { decision, originalCase } = subject;
  return (
    <EvidenceFrame title={t('title')} subheader={t('subheader', { type: subject.appellant.type, id: subject.appellant.id, at: subject.appealedAt.slice(0, 16).replace('T', ' ') })}>
      <Stack spacing={3}>
        <Section title={t('appellant_statement')}>
          <Quoted value={subject.appellantStatement} testId="appellant-statement" />
        </Section>
        <Section title={t('decision')}>
          <Stack spacing={1}>
            <Typography variant="body2" data-testid="appealed-measure">
              {t('measure')}: {decision.measure.description} ({decision.measure.code})
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {t('decided', { decidedBy: decision.decidedBy, at: decision.appliedAt.slice(0, 16).replace('T', ' '), automation: decision.automatedDecision, category: decision.category.category })}
            </Typography>
            <Typography variant="subtitle2">{t('facts')}</Typography>
            <Quoted value={decision.facts} testId="appealed-facts" />
          </Stack>
        </Section>
        {originalCase && (
          <Section title={t('original_case')}>
            <Stack spacing={1}>
              <Typography variant="body2">{t('original_decision', { decidedBy: originalCase.decidedBy ?? '—', decision: originalCase.decision ?? '—', note: originalCase.note ?? '' })}</Typography>
              <Link href={`#/cases/${originalCase.id}/show`} variant="body2">
                {originalCase.id}
              </Link>
              <Alert severity="info">{t('not_you')}</Alert>
            </Stack>
          </Section>
        )}
      </Stack>
    </EvidenceFrame>
  );
}
