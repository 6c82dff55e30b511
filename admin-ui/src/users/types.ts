import type { RaRecord } from 'react-admin';
import { ROLES, type Role } from '../session.ts';

/** A console user as /admin/v1/users returns it. */
export interface UserRecord extends RaRecord<string> {
  email: string;
  displayName: string;
  role: Role;
  allMarketplaces: boolean;
  marketplaceIds: string[];
  disabled: boolean;
  disabledAt: string | null;
  createdAt: string;
}

export const MIN_PASSWORD_LENGTH = 12;

// SelectInput translates choice names.
export const roleChoices = ROLES.map((id) => ({ id, name: `bonafide.roles.${id}` }));

/**
 * What the edit form may send: the editable fields, and the password only when one was typed
 * (an empty field means "keep the password"). Memberships are dropped for platform-wide users.
 */
export function editableUser(values: Partial<UserRecord> & { password?: string }) {
  const { displayName, role, allMarketplaces, marketplaceIds, disabled, password } = values;
  return {
    displayName,
    role,
    allMarketplaces,
    marketplaceIds: allMarketplaces ? [] : (marketplaceIds ?? []),
    disabled,
    ...(password ? { password } : {}),
  };
}

/** The create form: the same rules, and a password is required there. */
export function newUser(values: Partial<UserRecord> & { password?: string }) {
  const { email, password } = values;
  return { email, password, ...editableUser(values), disabled: undefined };
}
