import { Admin, Resource } from 'react-admin';
import { authProvider } from './authProvider.ts';
import cases from './cases/index.ts';
import { Dashboard } from './dashboard/index.ts';
import { dataProvider } from './dataProvider.ts';
import { i18nProvider } from './i18n.ts';

/**
 * The moderator console: the dashboard plus one <Resource> per folder next to
 * dashboard/ (cases now; sellers and listings to come).
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
      <Resource name="cases" {...cases} />
    </Admin>
  );
}
