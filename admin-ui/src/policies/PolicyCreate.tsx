import { Create, maxLength, regex, required, SimpleForm, TextInput } from 'react-admin';
import { formatRules, newPolicyVersion, parseRules, rulesAreJsonObject } from './types.ts';

const keyRule = regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'bonafide.policies.key_rule');

/** The next version of a policy; the API checks the rules against the policy schema. */
export function PolicyCreate() {
  return (
    <Create transform={newPolicyVersion} redirect="show">
      <SimpleForm>
        <TextInput source="key" validate={[required(), keyRule, maxLength(64)]} />
        <TextInput
          source="rules"
          multiline
          minRows={12}
          fullWidth
          format={formatRules}
          parse={parseRules}
          validate={[required(), rulesAreJsonObject]}
          sx={{ '& textarea': { fontFamily: 'monospace', fontSize: 13 } }}
        />
        <TextInput source="note" fullWidth validate={maxLength(2000)} helperText="bonafide.policies.note_help" />
      </SimpleForm>
    </Create>
  );
}
