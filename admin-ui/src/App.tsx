import { Admin } from 'react-admin';
import { authProvider } from './authProvider.ts';
import { Dashboard } from './dashboard/index.ts';
import { dataProvider } from './dataProvider.ts';
import { i18nProvider } from './i18n.ts';

/**
 * The moderator console. Resources (cases, sellers, listings) will be added as
 * <Resource> children, one folder each, next to dashboard/.
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
    />
  );
}
