import { CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import apiKeys from '../apiKeys/index.ts';
import marketplaces from '../marketplaces/index.ts';
import policies from '../policies/index.ts';
import users from '../users/index.ts';
import { isRole } from '../session.ts';
import { AdminRoleRequired } from './AdminRoleRequired.tsx';

/** The operator's resources, by the path the console serves them under. */
const operatorResources = { marketplaces, 'api-keys': apiKeys, users, policies } as const;

/**
 * Admins get the operator's resources; everyone else gets, under the same paths, a page that
 * says the admin role is needed (the server refuses their calls anyway: this is only what they see).
 */
export function operatorResourcesFor(permissions: unknown) {
  if (isRole(permissions) && permissions === 'admin') {
    return Object.entries(operatorResources).map(([name, resource]) => <Resource key={name} name={name} {...resource} />);
  }
  return (
    <CustomRoutes>
      {Object.keys(operatorResources).map((name) => (
        <Route key={name} path={`/${name}/*`} element={<AdminRoleRequired />} />
      ))}
    </CustomRoutes>
  );
}
