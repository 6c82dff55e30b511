import { BooleanInput, Edit, maxLength, required, SimpleForm, TextInput } from 'react-admin';
import { editableMarketplace } from './types.ts';

/** Rename or disable: a disabled marketplace's API keys are refused from the next request. */
export function MarketplaceEdit() {
  return (
    <Edit mutationMode="pessimistic" transform={editableMarketplace} redirect="show">
      <SimpleForm>
        <TextInput source="slug" disabled />
        <TextInput source="name" validate={[required(), maxLength(200)]} />
        <BooleanInput source="disabled" helperText="bonafide.marketplaces.disable_help" />
      </SimpleForm>
    </Edit>
  );
}
