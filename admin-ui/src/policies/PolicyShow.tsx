import { Box, Button as MuiButton } from '@mui/material';
import { Link } from 'react-router-dom';
import { DateField, Labeled, NumberField, Show, SimpleShowLayout, TextField, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import { formatRules, type PolicyRecord } from './types.ts';

/** The rules as indented JSON, rendered as text. */
function RulesField() {
  const record = useRecordContext<PolicyRecord>();
  if (!record) return null;
  return (
    <Box component="pre" sx={{ m: 0, p: 1.5, bgcolor: 'action.hover', borderRadius: 1, overflow: 'auto', maxHeight: 480, fontSize: 13 }}>
      {formatRules(record.rules)}
    </Box>
  );
}

/** Starts the next version from this one's rules (versions are never edited). */
function NewVersionButton() {
  const record = useRecordContext<PolicyRecord>();
  const translate = useTranslate();
  if (!record) return null;
  const source = encodeURIComponent(JSON.stringify({ key: record.key, rules: record.rules }));
  return (
    <MuiButton component={Link} to={`/policies/create?source=${source}`} variant="contained" size="small">
      {translate('bonafide.policies.new_version_from', { version: record.version })}
    </MuiButton>
  );
}

export function PolicyShow() {
  return (
    <Show<PolicyRecord> actions={<TopToolbar><NewVersionButton /></TopToolbar>}>
      <SimpleShowLayout>
        <TextField source="key" />
        <NumberField source="version" />
        <TextField source="note" emptyText="–" />
        <TextField source="createdBy" emptyText="–" />
        <DateField source="createdAt" showTime />
        <Labeled source="rules" fullWidth>
          <RulesField />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
