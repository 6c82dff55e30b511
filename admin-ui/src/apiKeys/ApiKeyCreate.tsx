import { useState } from 'react';
import { Create, maxLength, ReferenceInput, required, SelectInput, SimpleForm, TextInput, useRedirect } from 'react-admin';
import { IssuedKeyDialog } from './IssuedKeyDialog.tsx';
import { isIssuedKey, type IssuedApiKeyRecord } from './types.ts';

/** Issues a key for a marketplace; the answer's key goes to a dialog, then to the marketplace's page. */
export function ApiKeyCreate() {
  const [issued, setIssued] = useState<IssuedApiKeyRecord>();
  const redirect = useRedirect();
  const onSuccess = (record: unknown) => {
    if (isIssuedKey(record)) setIssued(record);
  };
  return (
    <>
      <Create mutationOptions={{ onSuccess }} redirect={false}>
        <SimpleForm>
          <ReferenceInput source="marketplaceId" reference="marketplaces" sort={{ field: 'name', order: 'ASC' }} filter={{ disabled: false }}>
            <SelectInput optionText="name" validate={required()} />
          </ReferenceInput>
          <TextInput source="name" validate={[required(), maxLength(200)]} helperText="bonafide.api_keys.name_help" />
        </SimpleForm>
      </Create>
      {issued && <IssuedKeyDialog issued={issued} onClose={() => redirect('show', 'marketplaces', issued.marketplaceId)} />}
    </>
  );
}
