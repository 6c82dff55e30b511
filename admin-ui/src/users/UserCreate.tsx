import { Create, email, maxLength, minLength, PasswordInput, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { MembershipInputs } from './MembershipInputs.tsx';
import { MIN_PASSWORD_LENGTH, newUser, roleChoices } from './types.ts';

export function UserCreate() {
  return (
    <Create transform={newUser} redirect="list">
      <SimpleForm defaultValues={{ role: 'moderator', allMarketplaces: false, marketplaceIds: [] }}>
        <TextInput source="email" type="email" validate={[required(), email()]} />
        <TextInput source="displayName" validate={[required(), maxLength(200)]} />
        <SelectInput source="role" choices={roleChoices} validate={required()} />
        <PasswordInput source="password" validate={[required(), minLength(MIN_PASSWORD_LENGTH)]} />
        <MembershipInputs />
      </SimpleForm>
    </Create>
  );
}
