import { BooleanInput, Edit, maxLength, minLength, PasswordInput, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { MembershipInputs } from './MembershipInputs.tsx';
import { editableUser, MIN_PASSWORD_LENGTH, roleChoices } from './types.ts';

/** Role, marketplaces, disable (sessions end at once), new password (sessions end too). */
export function UserEdit() {
  return (
    <Edit mutationMode="pessimistic" transform={editableUser}>
      <SimpleForm>
        <TextInput source="email" disabled />
        <TextInput source="displayName" validate={[required(), maxLength(200)]} />
        <SelectInput source="role" choices={roleChoices} validate={required()} />
        <MembershipInputs />
        <BooleanInput source="disabled" helperText="bonafide.users.disable_help" />
        <PasswordInput source="password" validate={minLength(MIN_PASSWORD_LENGTH)} helperText="bonafide.users.password_help" />
      </SimpleForm>
    </Edit>
  );
}
