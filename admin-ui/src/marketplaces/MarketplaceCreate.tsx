import { useWatch, useFormContext } from 'react-hook-form';
import { useEffect } from 'react';
import { Create, maxLength, regex, required, SimpleForm, TextInput } from 'react-admin';
import { slugFromName } from './types.ts';

const slugRule = regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'bonafide.marketplaces.slug_rule');

/** Fills the slug from the name until the admin edits the slug. */
function SlugFromName() {
  const name = useWatch({ name: 'name' }) as string | undefined;
  const { setValue, getFieldState } = useFormContext();
  useEffect(() => {
    if (!getFieldState('slug').isDirty) setValue('slug', slugFromName(name ?? ''));
  }, [name, setValue, getFieldState]);
  return null;
}

/** A new marketplace; it gets its first API key from its page (Issue key). */
export function MarketplaceCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <TextInput source="name" validate={[required(), maxLength(200)]} />
        <TextInput source="slug" validate={[required(), slugRule]} helperText="bonafide.marketplaces.slug_help" />
        <SlugFromName />
      </SimpleForm>
    </Create>
  );
}
