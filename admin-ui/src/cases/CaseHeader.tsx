import { Card, CardContent, CardHeader, Chip, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { DateField, useTranslate } from 'react-admin';
import { PriorityField } from './PriorityField.tsx';
import { SlaField } from './SlaField.tsx';
import { StatusField } from './StatusField.tsx';
import type { CaseRecord } from './types.ts';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack spacing={0.5}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <div>{children}</div>
    </Stack>
  );
}

/** Who the case is about, how urgent it is, and how it was settled if it was. */
export function CaseHeader({ record }: { record: CaseRecord }) {
  const translate = useTranslate();
  const field = (name: string) => translate(`resources.cases.fields.${name}`);
  const { decision } = record;
  return (
    <Card>
      <CardHeader
        title={translate('bonafide.cases.show.title', { id: record.id })}
        subheader={translate('bonafide.cases.show.subject', { type: record.subjectType, id: record.subjectId })}
      />
      <CardContent sx={{ pt: 0 }}>
        <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <Item label={field('priority')}>
            <PriorityField />
          </Item>
          <Item label={field('status')}>
            <StatusField />
          </Item>
          <Item label={field('slaDueAt')}>
            <SlaField />
          </Item>
          <Item label={field('slaBreaches')}>{record.slaBreaches}</Item>
          <Item label={field('createdAt')}>
            <DateField source="createdAt" showTime />
          </Item>
          {record.decidedAt && (
            <Item label={field('decidedAt')}>
              <DateField source="decidedAt" showTime />
            </Item>
          )}
        </Stack>
        {decision && (
          <Stack direction="row" spacing={1} sx={{ mt: 2, alignItems: 'center' }}>
            <Chip
              size="small"
              color={decision.outcome === 'approve' ? 'success' : 'error'}
              label={translate(`bonafide.cases.outcome.${decision.outcome}`, { _: decision.outcome })}
            />
            <Typography variant="body2" color="text.secondary">
              {translate('bonafide.cases.show.decided_by', { moderator: decision.moderatorId })}
              {decision.note ? ` — ${decision.note}` : ''}
            </Typography>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
