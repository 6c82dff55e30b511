import { Alert, Card, CardContent, CardHeader, Stack, Typography } from '@mui/material';
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

/** What the case is about, where from, how urgent it is, and whether it went to seniors. */
export function CaseHeader({ record }: { record: CaseRecord }) {
  const translate = useTranslate();
  const field = (name: string) => translate(`resources.cases.fields.${name}`);
  return (
    <Card>
      <CardHeader
        title={translate('bonafide.cases.show.title', { label: record.subjectLabel, id: String(record.id).slice(0, 8) })}
        subheader={translate('bonafide.cases.show.subject', { marketplace: record.marketplace, id: record.subjectId })}
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
          <Item label={field('requiredRole')}>{translate(`bonafide.roles.${record.requiredRole}`, { _: record.requiredRole })}</Item>
        </Stack>
        {record.escalatedAt && (
          <Alert severity="warning" sx={{ mt: 2 }}>
            {translate('bonafide.cases.show.escalated', { at: new Date(record.escalatedAt).toLocaleString() })}
            {record.escalationNote && (
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', mt: 0.5 }}>
                {record.escalationNote}
              </Typography>
            )}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
