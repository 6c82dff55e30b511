import { Admin, Resource } from 'react-admin';
import { operatorResourcesFor } from './access/operatorResources.tsx';
import { authProvider } from './authProvider.ts';
import cases from './cases/index.ts';
import { Dashboard } from './dashboard/index.ts';
import { dataProvider } from './dataProvider.ts';
import { i18nProvider } from './i18n.ts';

/**
 * The moderator console: the dashboard plus one <Resource> per folder next to dashboard/. What a
 * user gets depends on their role (the authProvider's permissions): the operator's resources are
 * for admins.
 */
export function App() {
  return (
    <Admin
      title="Bonafide"
      dashboard={Dashboard}
      authProvider={authProvider}
      dataProvider={dataProvider}
      i18nProvider={i18nProvider}
      requireAuth
      disableTelemetry
    >
      {(permissions: unknown) => (
        <>
          <Resource name="cases" {...cases} />
          {operatorResourcesFor(permissions)}
        </>
      )}
    </Admin>
  );
}
