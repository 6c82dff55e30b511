import { useWatch } from 'react-hook-form';
import { AutocompleteArrayInput, BooleanInput, ReferenceArrayInput } from 'react-admin';

/** Platform-wide, or the marketplaces the user works for (they see only those cases). */
export function MembershipInputs() {
  const allMarketplaces = useWatch({ name: 'allMarketplaces' }) as boolean | undefined;
  return (
    <>
      <BooleanInput source="allMarketplaces" helperText="bonafide.users.all_marketplaces_help" />
      {!allMarketplaces && (
        <ReferenceArrayInput source="marketplaceIds" reference="marketplaces" sort={{ field: 'name', order: 'ASC' }} perPage={200}>
          <AutocompleteArrayInput optionText="name" />
        </ReferenceArrayInput>
      )}
    </>
  );
}
