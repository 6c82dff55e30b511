import { DateField, Edit, Labeled, maxLength, ReferenceField, required, SaveButton, SimpleForm, TextInput, Toolbar } from 'react-admin';
import { RevokeKeyButton } from './RevokeKeyButton.tsx';
import { editableApiKey } from './types.ts';

function KeyToolbar() {
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      <RevokeKeyButton />
    </Toolbar>
  );
}

/** Rename a key (the secret itself is never shown again); revoke it from here too. */
export function ApiKeyEdit() {
  return (
    <Edit mutationMode="pessimistic" transform={editableApiKey}>
      <SimpleForm toolbar={<KeyToolbar />}>
        <Labeled source="marketplaceId">
          <ReferenceField source="marketplaceId" reference="marketplaces" />
        </Labeled>
        <TextInput source="prefix" disabled />
        <TextInput source="name" validate={[required(), maxLength(200)]} />
        <Labeled source="lastUsedAt">
          <DateField source="lastUsedAt" showTime emptyText="–" />
        </Labeled>
        <Labeled source="revokedAt">
          <DateField source="revokedAt" showTime emptyText="–" />
        </Labeled>
      </SimpleForm>
    </Edit>
  );
}
