import { CheckboxGroupInput, required, SimpleForm, TextArrayInput, TextInput } from 'react-admin';
import { evidencePanels } from '../cases/evidencePanels.ts';
import { priorityChoices } from '../cases/caseFilters.ts';

const roleChoices = ['moderator', 'senior_moderator', 'admin'].map((id) => ({ id, name: `bonafide.roles.${id}` }));
// the subject types the console has panels for; the API refuses types no capability registered
const subjectTypeChoices = Object.keys(evidencePanels).map((id) => ({ id, name: id }));

/** A queue's definition: its filters (empty = any) and the roles that may work it. */
export function QueueForm() {
  return (
    <SimpleForm>
      <TextInput source="name" validate={required()} fullWidth />
      <TextInput source="description" multiline fullWidth />
      <CheckboxGroupInput source="subjectTypes" choices={subjectTypeChoices} helperText="bonafide.queues.help.any" />
      <TextArrayInput source="signalCodes" helperText="bonafide.queues.help.signal_codes" fullWidth />
      <CheckboxGroupInput source="priorities" choices={priorityChoices} helperText="bonafide.queues.help.any" />
      <TextArrayInput source="tenantIds" helperText="bonafide.queues.help.marketplaces" fullWidth />
      <CheckboxGroupInput source="roles" choices={roleChoices} helperText="bonafide.queues.help.roles" />
    </SimpleForm>
  );
}
